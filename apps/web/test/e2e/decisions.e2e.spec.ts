import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';
import { DEMO_ORGANISATION_ID, viewerOfTheDemoSystem } from './support/demo-share.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
const VIEWER_EMAIL = 'viewer@partner.test';
const PASSWORD = 'correct-horse-battery';
const DECISIONS_PATH = `/models/${DEMO_MODEL_ID}/decisions`;
const RATIONALE = '=SUM(A1:A2) the lab network is isolated, "reviewed", 2026';

/** Runs commands on the demo model through the API, as the demo admin. */
async function runOnDemoModel(baseUrl: string, commands: Record<string, unknown>[]): Promise<void> {
  const owner = new ApiClient(baseUrl);
  await owner.signIn(DEMO_EMAIL, DEMO_PASSWORD);
  for (const command of commands) {
    const model = await owner.request<{ model: { streamVersion: number } }>(
      'query ($id: ID!) { model(id: $id) { streamVersion } }',
      { id: DEMO_MODEL_ID },
      DEMO_ORGANISATION_ID,
    );
    await owner.request(
      `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
        executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) { streamVersion }
      }`,
      { modelId: DEMO_MODEL_ID, expectedVersion: model.model.streamVersion, command },
      DEMO_ORGANISATION_ID,
    );
  }
}

/** Accepts the risk of the demo model's threat #10 through the API, as the demo admin. */
async function acceptThreatTen(baseUrl: string): Promise<void> {
  const owner = new ApiClient(baseUrl);
  await owner.signIn(DEMO_EMAIL, DEMO_PASSWORD);
  const model = await owner.request<{
    model: { streamVersion: number; threats: { edges: { node: { id: string; ref: number } }[] } };
  }>(
    'query ($id: ID!) { model(id: $id) { streamVersion threats(first: 100) { edges { node { id ref } } } } }',
    { id: DEMO_MODEL_ID },
    DEMO_ORGANISATION_ID,
  );
  const threat = model.model.threats.edges.find((edge) => edge.node.ref === 10)!.node;
  await owner.request(
    `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
      executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) { streamVersion }
    }`,
    {
      modelId: DEMO_MODEL_ID,
      expectedVersion: model.model.streamVersion,
      command: {
        type: 'AcceptRisk',
        decisionId: 'accept-ten',
        threatId: threat.id,
        rationale: RATIONALE,
      },
    },
    DEMO_ORGANISATION_ID,
  );
}

describe.skipIf(!hasChromium)('the decision log in a real browser', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openAs(email: string, password: string, path: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent(path)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Decision log' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    await acceptThreatTen(server.baseUrl);
    await viewerOfTheDemoSystem(server.baseUrl, VIEWER_EMAIL, PASSWORD, {
      name: 'Partner Lab',
      slug: 'partner-lab',
    });
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the acceptance with who took it, why, and filters by kind', async () => {
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    const acceptance = page.locator('tr[data-kind="acceptance"]', { hasText: RATIONALE });
    await acceptance.waitFor();
    const text = (await acceptance.textContent()) ?? '';
    expect(text).toContain('Accepted the risk of T-10');
    expect(text).toContain(RATIONALE);
    expect(text).toContain('for GenomeWell');
    expect(text).toContain('as admin');

    const before = await page.locator('tbody tr').count();
    await page.getByLabel('Kind').selectOption('acceptance');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('tbody tr')].every(
        (row) => row.getAttribute('data-kind') === 'acceptance',
      ),
    );
    const kept = await page.locator('tbody tr').count();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(before);
    expect(await page.locator('.count').textContent()).toBe(
      `${kept} decisions`.replace(/^1 decisions$/, '1 decision'),
    );

    // Who took them and for whom: the choices stay while the log is narrowed.
    await page.getByLabel('Kind').selectOption('');
    await page.locator('select[name="organisation"]').selectOption({ label: 'GenomeWell' });
    await page
      .locator('select[name="actor"]')
      .selectOption({ label: 'you (demo@threatloom.local)' });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('tbody tr')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('you (demo@'));
    });
    const mine = await page.locator('tbody tr').allTextContents();
    expect(mine.length).toBeGreaterThan(0);
    for (const row of mine) expect(row).toContain('you (demo@threatloom.local)');
    expect(await page.locator('select[name="actor"]').locator('option').count()).toBeGreaterThan(2);
  });

  it('exports the log as a CSV file where a formula-like rationale stays text', async () => {
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    await page.locator('tr[data-kind="acceptance"]', { hasText: RATIONALE }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^genomewell-platform-decisions-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'recorded_at,kind,summary,rationale,threat_refs,threat_ids,subject,actor,organisation,roles,position,stream_version',
    );
    expect(csv).toContain(`"'=SUM(A1:A2) the lab network is isolated, ""reviewed"", 2026"`);
  });

  it('opens the model as it was at a decision, and steps to the one before', async () => {
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    const acceptance = page.locator('tr[data-kind="acceptance"]', { hasText: RATIONALE });
    await acceptance.getByRole('link', { name: 'View then' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    const threatTen = page.locator('tr[data-threat-ref="10"]');
    await threatTen.waitFor();
    expect(await threatTen.textContent()).toContain(`Accepted: ${RATIONALE}`);
    expect(await page.locator('.point').textContent()).toContain('Read only');

    await page.getByRole('link', { name: '← Previous decision' }).click();
    await page.waitForFunction(
      () => !document.querySelector('tr[data-threat-ref="10"]')?.textContent?.includes('Accepted:'),
    );
    expect(await page.locator('tr[data-threat-ref="10"]').textContent()).not.toContain(RATIONALE);
    expect(await page.getByRole('textbox').count()).toBe(0);
  });

  it('walks the timeline, shows the diagram, matrix and checklist as they were, and what changed', async () => {
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    const acceptance = page.locator('tr[data-kind="acceptance"]', { hasText: RATIONALE });
    await acceptance.getByRole('link', { name: 'View then' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // The model's events verified against their hash chain (and checkpoint, once sealed).
    const badge = page.locator('[data-verified]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-verified')).toBe('intact');
    expect(await page.locator('.verification').textContent()).toMatch(/events checked/);
    const current = page.locator('.timeline a[aria-current="step"]');
    await current.waitFor();
    expect(await current.textContent()).toContain('Risk accepted');
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(1);
    const point = (await page.locator('.point').getAttribute('data-position'))!;

    await page.getByRole('link', { name: 'Diagram', exact: true }).last().click();
    const diagram = page.getByRole('img', { name: /Diagram as it was/ });
    await diagram.waitFor();
    expect(await page.locator('.past-diagram g[data-element-id]').count()).toBeGreaterThan(5);
    expect(await page.locator('.past-diagram g[data-flow-id]').count()).toBeGreaterThan(3);
    expect(page.url()).toContain(`position=${point}`);

    await page.locator('.views').getByRole('link', { name: 'STRIDE matrix' }).click();
    await page.locator('.moment tr[data-row-id]').first().waitFor();
    await page.locator('.views').getByRole('link', { name: 'Checklist' }).click();
    await page.locator('.checklist li[data-item-id="completeness"]').waitFor();
    expect(await page.locator('.checklist li[data-item-id]').count()).toBeGreaterThanOrEqual(9);

    // What the acceptance changed, against the moment before it.
    await page.locator('.views').getByRole('link', { name: 'Changes' }).click();
    const added = page.locator('tr.highlighted[data-collection="decisions"][data-change="added"]');
    await added.waitFor();
    expect(await added.textContent()).toContain('Acceptance of T-10');
    expect(await added.textContent()).toContain(RATIONALE);

    // Against the model's creation, everything there was then is new.
    await page.getByLabel('Compared with').selectOption('-1');
    await page.waitForFunction(
      () => document.querySelectorAll('tr[data-change="added"]').length > 10,
    );
    expect(await page.locator('tr[data-change="removed"]').count()).toBe(0);

    // An earlier moment of the timeline: the acceptance is not there yet.
    await page.locator('.timeline li:not(.current) a').first().click();
    await page.waitForFunction(
      (before) => document.querySelector('.point')?.getAttribute('data-position') !== before,
      point,
    );
    expect(Number(await page.locator('.point').getAttribute('data-position'))).not.toBe(
      Number(point),
    );
  });

  it('says in the model header when a risk acceptance has expired, as it expires', async () => {
    const owner = new ApiClient(server.baseUrl);
    await owner.signIn(DEMO_EMAIL, DEMO_PASSWORD);
    const model = await owner.request<{
      model: { threats: { edges: { node: { id: string; ref: number } }[] } };
    }>(
      'query ($id: ID!) { model(id: $id) { threats(first: 100) { edges { node { id ref } } } } }',
      { id: DEMO_MODEL_ID },
      DEMO_ORGANISATION_ID,
    );
    const threat = model.model.threats.edges.find((edge) => edge.node.ref === 11)!.node;
    await runOnDemoModel(server.baseUrl, [
      {
        type: 'AcceptRisk',
        decisionId: 'accept-eleven-briefly',
        threatId: threat.id,
        rationale: 'Until the gateway fix ships',
        expiresAt: new Date(Date.now() + 6_000).toISOString(),
      },
    ]);
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    const badge = page.locator('a.badge.expired');
    expect(await badge.count()).toBe(0);
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.textContent()).toBe('1 risk acceptance expired');
    expect(await badge.getAttribute('title')).toContain('T-11');
    await badge.click();
    await page.getByRole('heading', { name: 'Did we do a good job?' }).waitFor();
  });

  it('lists a frozen version with who froze and signed it, its checklist and its seal, and what changed since', async () => {
    await runOnDemoModel(server.baseUrl, [
      { type: 'FreezeModelVersion', label: 'Submitted for review' },
      { type: 'SignOffModelVersion', versionNumber: 1 },
    ]);
    const page = await openAs(DEMO_EMAIL, DEMO_PASSWORD, DECISIONS_PATH);
    await page.goto(`${server.baseUrl}/models/${DEMO_MODEL_ID}/history?view=versions`);
    const version = page.locator('li[data-version="1"]');
    await version.waitFor();
    const text = (await version.textContent()) ?? '';
    expect(text).toContain('Submitted for review');
    expect(text).toMatch(/Frozen by you \(demo@threatloom\.local\) for GenomeWell as admin/);
    expect(text).toMatch(/Checklist then: \d+ of \d+ items passed/);
    expect(text).toMatch(/Signed off by you \(demo@threatloom\.local\)/);
    expect(text).toMatch(
      /Sealed in the signed checkpoint of \d+ log entries,\s+root\s+[0-9a-f]{8}…[0-9a-f]{8}/,
    );

    // The sign-off changed nothing in the model: no drift since the version.
    await page.getByText('Nothing has changed since version 1 was frozen.').waitFor();

    // A change after it shows as drift, and leads to what changed.
    await runOnDemoModel(server.baseUrl, [
      { type: 'OpenModelDraft' },
      { type: 'RenameThreatModel', name: 'GenomeWell platform (v2 draft)' },
      { type: 'AddZone', zoneId: 'partner-cloud', name: 'Partner cloud', trust: 'untrusted' },
    ]);
    await page.reload();
    const drift = page.locator('p.drift');
    await drift.waitFor();
    expect(await drift.textContent()).toContain('Since version 1 was frozen: 1 trust zone added');
    await drift.getByRole('link', { name: 'See what changed since version 1' }).click();
    const added = page.locator('tr[data-collection="zones"][data-change="added"]');
    await added.waitFor();
    expect(await added.textContent()).toContain('Partner cloud');

    // Two versions compared: what version 2 holds that version 1 did not.
    await runOnDemoModel(server.baseUrl, [{ type: 'FreezeModelVersion', label: 'Second' }]);
    await page.goto(`${server.baseUrl}/models/${DEMO_MODEL_ID}/history?view=versions`);
    await page
      .locator('li[data-version="2"]')
      .getByRole('link', { name: 'Compare with version 1' })
      .click();
    const zone = page.locator('tr[data-collection="zones"][data-change="added"]');
    await zone.waitFor();
    expect(await zone.textContent()).toContain('Partner cloud');
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  it('offers a viewer no decision log, and says why when they open it', async () => {
    const page = await openAs(VIEWER_EMAIL, PASSWORD, DECISIONS_PATH);
    await page.getByText('may read the decision log').waitFor();
    expect(await page.getByRole('link', { name: 'Decisions' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
  });
});
