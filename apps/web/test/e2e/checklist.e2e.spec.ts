import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { viewerOfTheDemoSystem } from './support/demo-share.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
const VIEWER_EMAIL = 'viewer@regulator.test';
const PASSWORD = 'correct-horse-battery';
const CHECKLIST_PATH = `/models/${DEMO_MODEL_ID}/checklist`;

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

describe.skipIf(!hasChromium)('the closure checklist in a real browser', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /**
   * Signs in as `email` on the sign-in page and lands on the demo model's checklist.
   * `bypassCSP` lets a test inject a script (axe-core) past the page's policy.
   */
  async function openChecklistAs(
    email: string,
    password: string,
    bypassCSP = false,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent(CHECKLIST_PATH)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Did we do a good job?' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    await viewerOfTheDemoSystem(server.baseUrl, VIEWER_EMAIL, PASSWORD, {
      name: 'Health Regulator',
      slug: 'health-regulator',
    });
  });

  // Each test's pages leave the model, so the next test's page shows no one else there.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows failing items with their findings; a finding opens the diagram with it selected', async () => {
    const page = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD);
    await page.getByText('Not done yet.').waitFor();

    // The demo model leaves two flows without a threat: completeness fails and names them.
    const completeness = page.locator('[data-item="completeness"]');
    expect(await completeness.locator('[data-status]').textContent()).toContain('Fails');
    const finding = completeness.locator('[data-offender-kind="flow"]').first();
    const reason = (await finding.textContent()) ?? '';
    const flowName = /flow '([^']+)'/.exec(reason)?.[1];
    expect(flowName).toBeTruthy();

    await finding.getByRole('link').click();
    await page.waitForURL(`${server.baseUrl}/models/${DEMO_MODEL_ID}`);
    await page.getByRole('heading', { name: 'Data flow' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(flowName);
  });

  it('follows edits made elsewhere: an element added on the diagram shows up as a finding', async () => {
    const checklist = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD);
    const elementFindings = checklist.locator(
      '[data-item="completeness"] [data-offender-kind="element"]',
    );
    expect(await elementFindings.count()).toBe(0);

    const diagram = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD);
    await diagram.getByRole('link', { name: 'Diagram', exact: true }).click();
    await diagram.locator('[data-element-id]').first().waitFor();
    await diagram.locator('.svelte-flow').click({ position: { x: 30, y: 30 } });
    await diagram.keyboard.press('d');

    await expect.poll(() => elementFindings.count()).toBe(1);
    expect(await elementFindings.textContent()).toContain('has no threat');
  });

  it('keeps "Freeze" disabled, saying why, while items fail', async () => {
    const page = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD);
    const freeze = page.getByRole('button', { name: /^Freeze version \d+$/ });
    await freeze.waitFor();
    expect(await freeze.isDisabled()).toBe(true);
    await page.getByText(/checklist items do not pass yet/).waitFor();
  });

  it('records an attestation by the signed-in user and shows who made it and when', async () => {
    const page = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD);
    const clarity = page.locator('[data-item="clarity"]');
    expect(await clarity.locator('[data-status]').textContent()).toContain('Needs attestation');

    // A verdict without a note is refused by the API, which names the note.
    await clarity.getByRole('button', { name: 'Record attestation' }).click();
    await clarity.locator('.field-error', { hasText: 'note' }).waitFor();

    const note = 'Read all threats and mitigations: each names its asset and attacker.';
    await clarity.getByLabel('What you reviewed and found').fill(note);
    await clarity.getByRole('button', { name: 'Record attestation' }).click();

    const record = clarity.locator('[data-attestation="clarity"]');
    await record.waitFor();
    expect(await record.textContent()).toContain(DEMO_EMAIL);
    expect(await record.textContent()).toContain(note);
    expect(await record.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect.poll(() => clarity.locator('[data-status]').textContent()).toContain('Attested');
  });

  it('shows a viewer the checklist read-only: no attestation or freeze controls', async () => {
    const page = await openChecklistAs(VIEWER_EMAIL, PASSWORD);
    await page.locator('[data-item="completeness"]').waitFor();
    await page.getByText('Your role records no attestation and freezes no version.').waitFor();
    expect(await page.getByRole('button', { name: 'Record attestation' }).count()).toBe(0);
    expect(await page.getByLabel('What you reviewed and found').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Freeze version/ }).count()).toBe(0);
    // The viewer still follows a finding to the diagram.
    await page.locator('[data-item="completeness"] [data-offender-kind="flow"] a').first().click();
    await page.getByRole('heading', { name: 'Data flow' }).waitFor();
  });

  it('has no serious or critical accessibility violations', async () => {
    const page = await openChecklistAs(DEMO_EMAIL, DEMO_PASSWORD, true);
    await page.locator('[data-item="completeness"]').waitFor();
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      interface AxeViolation {
        id: string;
        impact: string | null;
        nodes: { target: string[] }[];
      }
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
        .axe;
      const result = await axe.run();
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
    });
    expect(
      violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? '')),
    ).toEqual([]);
  });
});
