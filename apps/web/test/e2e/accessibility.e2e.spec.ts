import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_MODEL = '/models/6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_SYSTEM = '/systems/6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Every main page, and what shows once it has loaded. */
const pages: { path: string; ready: (page: Page) => Promise<unknown> }[] = [
  { path: '/', ready: (page) => page.getByRole('heading', { name: 'Systems' }).waitFor() },
  {
    path: DEMO_SYSTEM,
    ready: (page) => page.getByRole('heading', { name: 'GenomeWell platform' }).first().waitFor(),
  },
  { path: DEMO_MODEL, ready: (page) => page.locator('[data-element-id]').first().waitFor() },
  {
    path: `${DEMO_MODEL}/scope`,
    ready: (page) => page.getByRole('heading', { name: 'Assets' }).waitFor(),
  },
  { path: `${DEMO_MODEL}/threats`, ready: (page) => page.getByText('#10').first().waitFor() },
  { path: `${DEMO_MODEL}/matrix`, ready: (page) => page.locator('table').first().waitFor() },
  {
    path: `${DEMO_MODEL}/checklist`,
    ready: (page) => page.getByRole('heading', { name: 'Did we do a good job?' }).waitFor(),
  },
  {
    path: `${DEMO_MODEL}/decisions`,
    ready: (page) => page.getByRole('table').waitFor(),
  },
  {
    path: `${DEMO_MODEL}/history`,
    ready: (page) => page.locator('.timeline a[aria-current="step"]').waitFor(),
  },
  {
    path: `${DEMO_MODEL}/history?view=diagram`,
    ready: (page) => page.locator('.past-diagram g[data-element-id]').first().waitFor(),
  },
  {
    path: '/start',
    ready: (page) =>
      page.getByRole('heading', { name: 'Which system do you want to protect?' }).waitFor(),
  },
  {
    path: '/settings/organisation',
    ready: (page) => page.getByRole('heading', { name: 'Create an organisation' }).waitFor(),
  },
  { path: '/settings/tokens', ready: (page) => page.getByRole('heading').first().waitFor() },
];

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

async function seriousViolations(page: Page): Promise<Violation[]> {
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
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

describe.skipIf(!hasChromium)('accessibility of every main page (axe-core)', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    it(
      `finds no serious or critical violation at ${viewport.width}x${viewport.height}`,
      { timeout: 180_000 },
      async () => {
        // bypassCSP lets the test inject axe-core past the page's own policy.
        const context = await browser.newContext({ viewport, bypassCSP: true });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/sign-in`);
        await page.getByRole('heading', { name: 'Sign in to Threatloom' }).waitFor();
        const found: Record<string, Violation[]> = { '/sign-in': await seriousViolations(page) };
        await page.getByRole('button', { name: 'Fill in the demo account' }).click();
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('heading', { name: 'Systems' }).waitFor();
        for (const { path, ready } of pages) {
          await page.goto(`${server.baseUrl}${path}`);
          await ready(page);
          const violations = await seriousViolations(page);
          if (violations.length > 0) found[path] = violations;
        }
        expect(
          Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0)),
        ).toEqual({});
      },
    );
  }
});
