import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const VENDOR_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a12';

describe.skipIf(!hasChromium)('the two demo accounts in a real browser', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** Signs in from the sign-in page's own fill-in button, in a browser of its own. */
  async function signInWith(fillIn: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('button', { name: fillIn }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Systems' }).waitFor();
    return page;
  }

  function badgeOf(page: Page, systemId: string): Promise<string | null> {
    return page.locator(`[data-system-id="${systemId}"] .badge`).textContent();
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('names both demo accounts and their password on the sign-in page', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    const demo = page.getByRole('complementary', { name: 'Demo accounts' });
    for (const text of ['demo@threatloom.local', 'vendor@threatloom.local', 'threatloom-demo']) {
      await demo.getByText(text, { exact: true }).waitFor();
    }
  });

  it('shows the demo account its own system and the vendor system shared with it as editor', async () => {
    const page = await signInWith('Fill in the demo account');
    await page.locator(`[data-system-id="${VENDOR_SYSTEM_ID}"]`).waitFor();
    expect(await badgeOf(page, DEMO_SYSTEM_ID)).toBe('Owned');
    expect(await badgeOf(page, VENDOR_SYSTEM_ID)).toBe('Shared with you · editor');
    await page.getByRole('link', { name: 'Helix LIMS' }).first().waitFor();
  });

  it('shows the vendor account its own Helix LIMS system and nothing of GenomeWell', async () => {
    const page = await signInWith('Fill in the vendor account');
    await page.locator(`[data-system-id="${VENDOR_SYSTEM_ID}"]`).waitFor();
    expect(await badgeOf(page, VENDOR_SYSTEM_ID)).toBe('Owned');
    expect(await page.locator(`[data-system-id="${DEMO_SYSTEM_ID}"]`).count()).toBe(0);
  });
});
