import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';
// Not the demo's own vendor, Helix Sequencing, whose slug the demo seeding takes.
const PARTNER = 'Helix Labs';

/** Who a bearer token authenticates as, asked of the API directly. */
async function whoIsBearer(
  baseUrl: string,
  secret: string,
): Promise<{ authenticatedVia: string; tokenRoleCeiling: string | null } | null> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ me { authenticatedVia tokenRoleCeiling } }' }),
  });
  const body = (await response.json()) as {
    data?: { me: { authenticatedVia: string; tokenRoleCeiling: string | null } | null };
  };
  return body.data?.me ?? null;
}

describe.skipIf(!hasChromium)('settings: API tokens, organisations and sharing', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let partnerId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.baseUrl,
    });
    page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent('/settings/tokens')}`);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('creates an API token and shows its secret once', async () => {
    await page.getByText('You have no API tokens').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('CI pipeline');
    await page.getByLabel('Role ceiling').selectOption('viewer');
    await page.getByRole('button', { name: 'Create token' }).click();

    const secretField = page.locator('[data-token-secret]');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^tl_[A-Za-z0-9_-]{40,}$/);
    await page.getByText('this is the only time the token is shown').waitFor();
    await page.getByRole('button', { name: 'Copy the new token' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await whoIsBearer(server.baseUrl, secret)).toEqual({
      authenticatedVia: 'api_token',
      tokenRoleCeiling: 'viewer',
    });

    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.locator('[data-token-name="CI pipeline"]');
    await row.getByText('Active').waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 10));
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('creates a second organisation and switches to it', async () => {
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    const create = page.getByRole('region', { name: 'Create an organisation' });
    await create.getByLabel('Name', { exact: true }).fill(PARTNER);
    expect(await create.getByLabel('Slug').inputValue()).toBe('helix-labs');
    await create.getByRole('button', { name: 'Create organisation' }).click();

    await page
      .getByRole('status')
      .filter({ hasText: `You created ${PARTNER}` })
      .waitFor();
    await page.getByRole('heading', { name: PARTNER }).waitFor();
    partnerId = ((await page.locator('[data-organisation-id]').textContent()) ?? '').trim();
    expect(partnerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByLabel('Acting for organisation').inputValue()).toBe(partnerId);
    await page.locator('[data-member-email="demo@threatloom.local"]').getByText('(you)').waitFor();
    expect(
      await page.getByLabel('Role of demo@threatloom.local', { exact: true }).inputValue(),
    ).toBe('admin');
  });

  it('shares the demo system with that organisation as viewer, then revokes the share', async () => {
    await page.getByLabel('Acting for organisation').selectOption(DEMO_ORGANISATION_ID);
    await page.getByRole('link', { name: 'Systems', exact: true }).click();
    await page.getByRole('heading', { name: 'GenomeWell platform' }).getByRole('link').click();
    await page.waitForURL(`**/systems/${DEMO_SYSTEM_ID}`);

    const sharing = page.getByRole('region', { name: 'Sharing' });
    await sharing.getByText('Not shared with any other organisation.').waitFor();
    await sharing.getByLabel('Organisation', { exact: true }).selectOption(partnerId);
    await sharing.getByRole('radio', { name: /^Viewer/ }).check();
    await sharing.getByRole('button', { name: 'Share system' }).click();

    const share = sharing.locator(`[data-grantee-id="${partnerId}"]`);
    await share.waitFor();
    expect(await share.getByRole('rowheader').textContent()).toContain(PARTNER);
    expect(await share.getByLabel(`Role of ${PARTNER}`, { exact: true }).inputValue()).toBe(
      'viewer',
    );

    await share.getByRole('button', { name: `Revoke the share with ${PARTNER}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke the share with ${PARTNER}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke share' }).click();
    await share.waitFor({ state: 'detached' });
    await sharing.getByText('Not shared with any other organisation.').waitFor();
  });
});
