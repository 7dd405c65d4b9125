/**
 * Writes the screenshots of docs/screenshots/ from the real app: the built API
 * serving the built web app on in-memory PGlite with the demo data, started as
 * the end-to-end tests start it, and driven in Debian's Chromium at 1280x800.
 *
 * Run from apps/web after a build (`npx turbo run build`): `pnpm screenshots`.
 * Each run starts from the same seeded data, so the pictures change only when
 * the app does; the one exception is the avatar colour in co-editing.png, which
 * follows the demo account's id, generated when the demo data is seeded.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../test/e2e/support/app-server.js';
import { hasChromium, launchBrowser } from '../test/e2e/support/browser.js';

const OUTPUT_DIRECTORY = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const VENDOR_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a11';
const DEMO_EMAIL = 'demo@threatloom.local';
const VENDOR_EMAIL = 'vendor@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
/** The demo threat whose panel shows the CVSS vector builder (scored CVSS 3.1, Critical). */
const CVSS_THREAT_TITLE = 'A public or cross-account bucket leaks FASTQ and VCF files';

/** Resolves once `read` gives the same answer twice, `quietMs` apart (or after `timeoutMs`). */
async function settled(
  read: () => Promise<string>,
  quietMs = 400,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = await read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await read();
    if (current === previous || Date.now() > deadline) return;
    previous = current;
  }
}

/** Where every node of the diagram sits, and the viewport's transform: the diagram's layout. */
function diagramLayout(page: Page): Promise<string> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.svelte-flow__viewport');
    const nodes = [...document.querySelectorAll('.svelte-flow__node')].map(
      (node) => `${node.getAttribute('data-id')}:${(node as HTMLElement).style.transform}`,
    );
    return `${(viewport as HTMLElement | null)?.style.transform ?? ''}|${nodes.join(',')}`;
  });
}

/**
 * Waits until the page is still: no request in flight, a model's changes saved,
 * web fonts loaded and the diagram (when there is one) no longer moving.
 */
async function untilStill(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  if ((await page.locator('.model-bar').count()) > 0) {
    await page.getByText('All changes saved').waitFor();
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if ((await page.locator('.svelte-flow__viewport').count()) > 0) {
    await settled(() => diagramLayout(page));
  }
}

/** Writes the page as docs/screenshots/<name>.png: the viewport only, caret hidden, animations stopped. */
async function capture(page: Page, name: string): Promise<void> {
  // Over the empty middle of the top bar, away from anything that shows a hover state.
  await page.mouse.move(VIEWPORT.width / 2, 24);
  await untilStill(page);
  const path = join(OUTPUT_DIRECTORY, `${name}.png`);
  await page.screenshot({ path, caret: 'hide', animations: 'disabled', scale: 'css' });
  console.log(`wrote ${path}`);
}

/** A browser context of its own (its own session cookie), at the documented size. */
async function newPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  contexts.push(context);
  return context.newPage();
}

/** Signs in on the sign-in page and lands on `next`. */
async function signIn(page: Page, baseUrl: string, email: string, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** The diagram node of the element called `name`. */
function elementNamed(page: Page, name: string): Locator {
  return page.locator('[data-element-id]', { has: page.getByText(name, { exact: true }) });
}

/** Scrolls `target` to the top of the pane it scrolls in. */
async function scrollToTop(target: Locator): Promise<void> {
  await target.evaluate((node) => {
    node.scrollIntoView({ block: 'start' });
    // scrollIntoView scrolls the window too, when it can: keep the top bar in view.
    window.scrollTo(0, 0);
  });
}

/** The diagram node of the trust zone called `name`. */
function zoneNamed(page: Page, name: string): Locator {
  return page.locator('.svelte-flow__node-zone', { hasText: name });
}

/**
 * Pans and zooms the diagram so that `targets` fill its canvas (zooming in by
 * at most `maxFactor`), as a person would: a drag on the empty canvas, then the
 * mouse wheel. Auto-layout gives flows no room for their labels, so the whole
 * diagram fitted in view is too small to read.
 */
async function frameDiagram(page: Page, targets: Locator[], maxFactor = 2): Promise<void> {
  const canvas = (await page.locator('.svelte-flow').boundingBox())!;
  const boxes = await Promise.all(targets.map(async (target) => (await target.boundingBox())!));
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const shift = { x: centre.x - (left + right) / 2, y: centre.y - (top + bottom) / 2 };
  const start = await page.evaluate(
    ({ canvas, shift, viewport }) => {
      // A spot of bare canvas from which the drag stays in the window.
      for (let y = canvas.y + 60; y < canvas.y + canvas.height - 20; y += 20) {
        for (let x = canvas.x + 60; x < canvas.x + canvas.width - 20; x += 20) {
          const end = { x: x + shift.x, y: y + shift.y };
          if (end.x < 1 || end.y < 1 || end.x > viewport.width - 1 || end.y > viewport.height - 1)
            continue;
          const hit = document.elementFromPoint(x, y);
          if (hit?.classList.contains('svelte-flow__pane')) return { x, y };
        }
      }
      throw new Error('no bare canvas to drag the diagram from');
    },
    { canvas, shift, viewport: VIEWPORT },
  );
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + shift.x, start.y + shift.y, { steps: 10 });
  await page.mouse.up();
  await settled(() => diagramLayout(page));
  const margin = 40;
  const factor = Math.min(
    maxFactor,
    (canvas.width - 2 * margin) / (right - left),
    (canvas.height - 2 * margin) / (bottom - top),
  );
  // Svelte Flow zooms by 2^(-deltaY / 500) per wheel event, around the pointer.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -Math.log2(factor) * 500);
  await settled(() => diagramLayout(page));
}

/** Opens a model's diagram and waits for it to be drawn, laid out and saved. */
async function openDiagram(page: Page, baseUrl: string, modelId: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${modelId}`);
  await page.locator('[data-element-id]').first().waitFor();
  await untilStill(page);
}

async function signInPage(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { name: 'Sign in to Threatloom' }).waitFor();
  await capture(page, 'sign-in');
}

async function systems(page: Page, baseUrl: string): Promise<void> {
  await signIn(page, baseUrl, DEMO_EMAIL);
  await page.getByText('Shared with you · editor').waitFor();
  await capture(page, 'systems');
}

/** The demo model's diagram, laid out on first open, with an element selected and its threats listed. */
async function diagram(page: Page, baseUrl: string): Promise<void> {
  await openDiagram(page, baseUrl, DEMO_MODEL_ID);
  // Selecting an element raises its flows, labels included, above the others: pick one at the edge.
  await elementNamed(page, 'Object storage (S3)').click();
  const heading = page.getByRole('heading', { name: 'What can go wrong?' });
  await heading.waitFor();
  await frameDiagram(page, [zoneNamed(page, 'Cloud core')]);
  await scrollToTop(heading);
  await capture(page, 'diagram');
}

/** A new threat on an element, written in the threat grammar, before it is added. */
async function threatForm(page: Page): Promise<void> {
  await elementNamed(page, 'Notification service').click();
  await page.getByRole('heading', { name: 'What can go wrong?' }).waitFor();
  await page.keyboard.press('t');
  await page.getByLabel(/Threat source/).fill('compromised email provider');
  await page.getByLabel(/Threat action/).fill('send phishing notifications to customers');
  await page.getByLabel(/Threat impact/).fill('stolen credentials');
  await page.getByRole('checkbox', { name: 'Account credentials and PII' }).check();
  await page.getByLabel(/Threat source/).focus();
  await scrollToTop(page.locator('.threat-form label', { hasText: 'Threat source' }));
  await capture(page, 'threat-form');
  // Leave the model as seeded for the views that follow.
  await page.getByRole('button', { name: 'Cancel' }).click();
}

async function register(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/threats?sort=severity`);
  await page.getByRole('grid').waitFor();
  await capture(page, 'register');
}

/** A threat's panel, opened from the register, with its CVSS 3.1 vector builder. */
async function threatPanel(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/threats?sort=severity`);
  await page.locator('tbody tr[data-threat-id]', { hasText: CVSS_THREAT_TITLE }).click();
  const panel = page.getByRole('complementary', { name: 'Selected threat' });
  await panel.getByText('CVSS version').waitFor();
  await scrollToTop(panel.locator('legend', { hasText: 'Scoring method' }));
  await capture(page, 'threat-panel-cvss');
}

async function matrix(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/matrix`);
  await page.getByRole('table').waitFor();
  await capture(page, 'stride-matrix');
}

async function checklist(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/checklist`);
  await page.getByText('Not done yet.').waitFor();
  await capture(page, 'checklist');
}

async function history(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/history?view=diagram`);
  await page.locator('.past-diagram g[data-element-id]').first().waitFor();
  await page.locator('[data-verified]').waitFor();
  await capture(page, 'history');
}

async function scope(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/models/${DEMO_MODEL_ID}/scope`);
  await page.getByRole('heading', { name: 'Assets' }).waitFor();
  await capture(page, 'assets-and-scope');
}

/**
 * Helix LIMS, the vendor's model shared with GenomeWell as editor, open in two
 * browsers: the vendor's admin works on the lab technician while GenomeWell's
 * admin selects the sample database and renames it; the vendor sees both live.
 */
async function coEditing(
  browser: Browser,
  contexts: BrowserContext[],
  baseUrl: string,
): Promise<void> {
  const demo = await newPage(browser, contexts);
  await signIn(demo, baseUrl, DEMO_EMAIL, `/models/${VENDOR_MODEL_ID}`);
  await demo.locator('[data-element-id]').first().waitFor();
  await untilStill(demo);

  const vendor = await newPage(browser, contexts);
  await signIn(vendor, baseUrl, VENDOR_EMAIL, `/models/${VENDOR_MODEL_ID}`);
  await vendor.locator('[data-element-id]').first().waitFor();
  await untilStill(vendor);
  await vendor
    .getByRole('list', { name: 'Who else is here' })
    .getByText(DEMO_EMAIL)
    .waitFor({ state: 'attached' });
  await elementNamed(vendor, 'Lab technician').click();
  await vendor.getByRole('heading', { name: 'What can go wrong?' }).waitFor();

  await demo.locator('[data-element-id="sample-database"]').click();
  await demo.getByLabel('Name', { exact: true }).fill('Sample registry');
  const renamed = vendor.locator('[data-element-id="sample-database"]', {
    hasText: 'Sample registry',
  });
  await renamed.waitFor();
  await vendor.locator('[data-element-id="sample-database"].peer-selected').waitFor();
  await untilStill(demo);
  await frameDiagram(vendor, [zoneNamed(vendor, 'Lab network')]);
  await capture(vendor, 'co-editing');
}

/** The guided first model at /start: its second step, "What are we working on?", answered. */
async function guidedStart(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/start`);
  await page.getByLabel('Its name').fill('Patient portal');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'What are we working on?' }).waitFor();
  await page.getByLabel('What is it called?').fill('Login service');
  await page.getByRole('radio', { name: /Process/ }).check();
  await page.getByLabel(/Where does it run/).fill('Production cloud');
  await page.getByLabel(/Where does it run/).focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  await capture(page, 'guided-start');
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium');
  mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    // One after the other, so that a failure of either leaves nothing running.
    server = await startAppServer();
    browser = await launchBrowser();
    const baseUrl = server.baseUrl;

    const visitor = await newPage(browser, contexts);
    await signInPage(visitor, baseUrl);

    const page = await newPage(browser, contexts);
    await systems(page, baseUrl);
    await diagram(page, baseUrl);
    await threatForm(page);
    await register(page, baseUrl);
    await threatPanel(page, baseUrl);
    await matrix(page, baseUrl);
    await checklist(page, baseUrl);
    await history(page, baseUrl);
    await scope(page, baseUrl);

    await coEditing(browser, contexts, baseUrl);
    await guidedStart(page, baseUrl);
  } finally {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  }
}

await main();
