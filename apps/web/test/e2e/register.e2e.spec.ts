import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
/** Where the screenshots go, to look at after a run (outside the repository). */
const SCREENSHOTS = join(tmpdir(), 'threatloom-screenshots', 'register');
const SEVERITY_RANK: Record<string, number> = {
  'Not scored': -1,
  None: 0,
  Low: 1,
  Medium: 2,
  High: 3,
  Critical: 4,
};

/** Serious and critical accessibility violations axe-core finds on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  });
}

/** Screenshots of the page at the two sizes people use most. */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(200);
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`),
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!hasChromium)('the threat register and the STRIDE matrix in real browsers', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A demo session of its own (its own cookie, its own doc connection) at `path` of the demo model. */
  async function openAsDemo(path: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent(path)}`);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  /** The severity words of the rows the register shows, top to bottom. */
  async function severities(page: Page): Promise<string[]> {
    return page.locator('tbody tr[data-threat-id] td:nth-child(6)').allInnerTexts();
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('sorts, filters and edits threats, and another session sees the edit without reloading', async () => {
    const owner = await openAsDemo(`/models/${DEMO_MODEL_ID}/threats`);
    const grid = owner.getByRole('grid');
    await grid.waitFor();
    expect(await owner.locator('tbody tr[data-threat-id]').count()).toBeGreaterThan(10);

    // Sort by severity: the most severe first, unscored last.
    await owner
      .getByRole('columnheader', { name: /Severity/ })
      .getByRole('button')
      .click();
    await expect
      .poll(() => owner.getByRole('columnheader', { name: /Severity/ }).getAttribute('aria-sort'))
      .toBe('descending');
    const ranks = (await severities(owner)).map((word) => SEVERITY_RANK[word.trim()] ?? -2);
    expect(ranks[0]).toBeGreaterThanOrEqual(3);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    // Filter by STRIDE category: only denial-of-service threats remain, and the URL says so.
    await owner.getByLabel('STRIDE category', { exact: true }).selectOption('denial_of_service');
    await expect.poll(() => owner.url()).toContain('stride=denial_of_service');
    expect(owner.url()).toContain('sort=severity');
    const categories = await owner
      .locator('tbody tr[data-threat-id] td:nth-child(4)')
      .allTextContents();
    expect(categories.length).toBeGreaterThan(1);
    expect(new Set(categories.map((text) => text.replace(/\s+/g, ' ').trim()))).toEqual(
      new Set(['D Denial of service']),
    );

    // Select the first row by clicking it; the threat panel opens beside the table.
    const firstRow = owner.locator('tbody tr[data-threat-id]').first();
    const threatId = (await firstRow.getAttribute('data-threat-id'))!;
    await firstRow.click();
    const panel = owner.getByRole('complementary', { name: 'Selected threat' });
    await panel.getByRole('heading', { name: /^Threat #\d+/ }).waitFor();
    expect(await firstRow.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => owner.url()).toContain(`threat=${threatId}`);

    // The keyboard moves to the next threat and opens it.
    const secondRow = owner.locator('tbody tr[data-threat-id]').nth(1);
    const secondId = (await secondRow.getAttribute('data-threat-id'))!;
    await grid.focus();
    await owner.keyboard.press('ArrowDown');
    await owner.keyboard.press('Enter');
    await expect.poll(() => secondRow.getAttribute('aria-selected')).toBe('true');
    await owner.keyboard.press('ArrowUp');
    await owner.keyboard.press('Enter');
    await expect.poll(() => firstRow.getAttribute('aria-selected')).toBe('true');
    expect(secondId).not.toBe(threatId);

    // Another session opens the link the owner would share, and sees the owner's selection on the row.
    const watcher = await openAsDemo(new URL(owner.url()).pathname + new URL(owner.url()).search);
    const watchedRow = watcher.locator(`tbody tr[data-threat-id="${threatId}"]`);
    await watchedRow.waitFor();
    expect(await watcher.getByLabel('STRIDE category', { exact: true }).inputValue()).toBe(
      'denial_of_service',
    );
    await watchedRow.locator('[data-peer]').waitFor();
    expect(await watchedRow.locator('[data-peer]').getAttribute('title')).toBe(
      `Selected by ${DEMO_EMAIL}`,
    );

    // The owner edits the title in the panel; the watcher's register shows it, without a reload.
    const newTitle = 'A flood of sign-ups exhausts the auth service for everyone';
    await panel.getByLabel('Title', { exact: true }).fill(newTitle);
    await watchedRow.getByText(newTitle).waitFor();
    await owner.getByText('All changes saved').waitFor();

    await screenshots(owner, 'register');
    expect(await seriousViolations(owner)).toEqual([]);

    // Grouped by target: collapsible groups with their counts, still accessible.
    await owner.getByLabel('Group by', { exact: true }).selectOption('target');
    const group = owner.locator('tbody tr.group').first();
    await group.waitFor();
    expect(await group.getAttribute('aria-expanded')).toBe('true');
    expect(await group.innerText()).toMatch(/\d+ threats?/);
    await group.click();
    await expect.poll(() => group.getAttribute('aria-expanded')).toBe('false');
    expect(await seriousViolations(owner)).toEqual([]);

    // A filter nothing matches says so, and clearing it brings the threats back.
    await owner.getByLabel('Search', { exact: true }).fill('no threat is called this');
    await owner.getByText('No threat matches these filters.').waitFor();
    await owner.getByRole('button', { name: 'Clear filters' }).first().click();
    await owner.locator('tbody tr.group').first().waitFor();
  });

  it('shows gaps and “no threats” reasons in the STRIDE matrix, and links a threat to the register', async () => {
    const page = await openAsDemo(`/models/${DEMO_MODEL_ID}/matrix`);
    const table = page.getByRole('table');
    await table.waitFor();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /\d+ gaps? in \d+ of \d+/ })
        .innerText(),
    ).resolves.toMatch(/gaps? in/);

    // The web application (a process) has threats for information disclosure and elevation of
    // privilege only: spoofing is a gap, said in words; a data store's spoofing does not apply.
    const webApp = page.locator('tr[data-row-id="web-app"]');
    const cells = webApp.locator('td');
    expect(await cells.nth(0).innerText()).toMatch(/Gap/);
    expect(await cells.nth(0).textContent()).toContain('no threat yet');
    expect(await cells.nth(3).getByRole('link').first().innerText()).toMatch(/^#\d+/);
    expect(await webApp.getByRole('rowheader').innerText()).toMatch(/\d+ gaps?/);
    const logs = page.locator('tr[data-row-id="logs"]');
    expect(await logs.locator('td').nth(0).textContent()).toContain('Does not apply');

    // A "no threats" declaration, made elsewhere while the page is open, covers the gaps of a row
    // that has no threat at all.
    const uncovered = page
      .locator('tbody tr[data-row-id]')
      .filter({ has: page.locator('td.gap') })
      .filter({ hasNot: page.locator('td a') })
      .first();
    const targetId = (await uncovered.getAttribute('data-row-id'))!;
    const targetKind = (await uncovered.getAttribute('data-row-kind'))!;
    const api = new ApiClient(server.baseUrl);
    await api.signIn(DEMO_EMAIL, DEMO_PASSWORD);
    const { model } = await api.request<{ model: { streamVersion: number } }>(
      `query($id: ID!) { model(id: $id) { streamVersion } }`,
      { id: DEMO_MODEL_ID },
      DEMO_ORGANISATION_ID,
    );
    await api.request(
      `mutation($modelId: ID!, $expectedVersion: Int!, $input: DeclareNoThreatsInput!) {
        declareNoThreats(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
      }`,
      {
        modelId: DEMO_MODEL_ID,
        expectedVersion: model.streamVersion,
        input: { targetKind, targetId, reason: 'it carries only public status pages' },
      },
      DEMO_ORGANISATION_ID,
    );
    const declared = page.locator(`tr[data-row-id="${targetId}"]`);
    await declared.getByText('because it carries only public status pages').first().waitFor();
    expect(await declared.locator('td.gap').count()).toBe(0);

    await screenshots(page, 'matrix');
    expect(await seriousViolations(page)).toEqual([]);

    // A threat's ref links to it in the register, selected.
    await page
      .getByRole('link', { name: /^#10\b/ })
      .first()
      .click();
    await page.waitForURL(/\/threats\?threat=threat-10$/);
    const row = page.locator('tbody tr[data-threat-id="threat-10"]');
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await page
      .getByRole('complementary', { name: 'Selected threat' })
      .getByRole('heading', { name: 'Threat #10' })
      .waitFor();
  });

  it('says when a model has no threats yet, and how to add one', async () => {
    const page = await openAsDemo('/');
    await page.getByRole('heading', { name: 'Systems' }).waitFor();
    const system = page.locator('[data-system-id]').first();
    await system.getByPlaceholder('New threat model name').fill('Empty register');
    await system.getByRole('button', { name: 'Create threat model' }).click();
    await page.waitForURL(/\/models\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Threats', exact: true }).click();
    await page.getByText('No threats yet:').waitFor();
    expect(await page.getByRole('main').innerText()).toContain(
      'select an element on the diagram and press T',
    );
    expect(await seriousViolations(page)).toEqual([]);
  });
});
