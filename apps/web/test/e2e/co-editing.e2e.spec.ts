import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
const PASSWORD = 'correct-horse-battery';

/** Signs a new user up in their own organisation, and shares the demo system with it at `role`. */
async function partner(
  baseUrl: string,
  email: string,
  organisation: string,
  role: 'editor' | 'viewer',
): Promise<void> {
  const user = new ApiClient(baseUrl);
  await user.signIn(email, PASSWORD, true);
  const created = await user.request<{ createOrganisation: { id: string } }>(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    { input: { name: organisation, slug: organisation.toLowerCase().replace(/\W+/g, '-') } },
  );
  const owner = new ApiClient(baseUrl);
  await owner.signIn(DEMO_EMAIL, DEMO_PASSWORD);
  await owner.request(
    `mutation($systemId: ID!, $granteeOrganisationId: ID!, $role: ShareRole!) {
      shareSystem(systemId: $systemId, granteeOrganisationId: $granteeOrganisationId, role: $role) { role }
    }`,
    { systemId: DEMO_SYSTEM_ID, granteeOrganisationId: created.createOrganisation.id, role },
    DEMO_ORGANISATION_ID,
  );
}

describe.skipIf(!hasChromium)('two organisations co-editing one model in real browsers', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openModelAs(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(
      `${server.baseUrl}/sign-in?next=${encodeURIComponent(`/models/${DEMO_MODEL_ID}`)}`,
    );
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-element-id]').first().waitFor();
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    // Not the demo's own vendor, Helix Sequencing, whose slug the demo seeding takes.
    await partner(server.baseUrl, 'vendor@helix.test', 'Helix Labs', 'editor');
    await partner(server.baseUrl, 'auditor@regulator.test', 'Health Regulator', 'viewer');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows each other’s edits and presence live', { timeout: 120_000 }, async () => {
    const owner = await openModelAs(DEMO_EMAIL, DEMO_PASSWORD);
    const vendor = await openModelAs('vendor@helix.test', PASSWORD);

    // Each sees the other's avatar.
    await owner
      .getByRole('list', { name: 'Who else is here' })
      .getByText('vendor@helix.test')
      .waitFor({ state: 'attached' });
    await vendor
      .getByRole('list', { name: 'Who else is here' })
      .getByText(DEMO_EMAIL)
      .waitFor({ state: 'attached' });

    // The vendor renames an element; the owner's diagram shows it.
    const element = vendor.locator('[data-element-id="api-gateway"]');
    await element.click();
    await vendor.getByLabel('Name', { exact: true }).fill('Edge gateway (Helix-managed)');
    await owner
      .locator('[data-element-id="api-gateway"]', { hasText: 'Edge gateway (Helix-managed)' })
      .waitFor();

    // The vendor's selection shows on the owner's canvas.
    await expect
      .poll(() => owner.locator('[data-element-id="api-gateway"]').getAttribute('class'))
      .toContain('peer-selected');
  });

  it(
    'keeps edits made while the connection is down and merges them when it returns',
    { timeout: 120_000 },
    async () => {
      const owner = await openModelAs(DEMO_EMAIL, DEMO_PASSWORD);
      const vendor = await openModelAs('vendor@helix.test', PASSWORD);
      const ownerContext = owner.context();
      await ownerContext.setOffline(true);
      await owner.getByText(/Connection lost/).waitFor();
      // Offline, the owner renames one element; online, the vendor renames another.
      await owner.locator('[data-element-id="logs"]').click();
      await owner.getByLabel('Name', { exact: true }).fill('Audit log store (offline edit)');
      await vendor.locator('[data-element-id="rds"]').click();
      await vendor.getByLabel('Name', { exact: true }).fill('Patient database (online edit)');
      await owner.waitForTimeout(500);
      await ownerContext.setOffline(false);
      // Both edits reach both sides, and the owner's offline edit is stored.
      await owner
        .locator('[data-element-id="rds"]', { hasText: 'Patient database (online edit)' })
        .waitFor();
      await vendor
        .locator('[data-element-id="logs"]', { hasText: 'Audit log store (offline edit)' })
        .waitFor();
      await owner.getByText('All changes saved').waitFor();
    },
  );

  it('keeps a viewer read-only: no palette, no editable fields, shortcuts change nothing', async () => {
    const viewer = await openModelAs('auditor@regulator.test', PASSWORD);
    await viewer.getByText('Read only').waitFor();
    expect(await viewer.getByRole('toolbar', { name: 'Add to the diagram' }).count()).toBe(0);
    const before = await viewer.locator('[data-element-id]').count();
    await viewer.locator('[data-element-id]').first().click();
    expect(await viewer.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    await viewer.keyboard.press('p');
    await viewer.waitForTimeout(500);
    expect(await viewer.locator('[data-element-id]').count()).toBe(before);
  });
});
