import { chromium, type Browser } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/support/browser.js';

const CHROMIUM = '/usr/bin/chromium';
/**
 * Chromium preloads the web UI of its address bar for each new tab: headless,
 * nobody ever sees it, yet it takes about a second of CPU while every page
 * opens, on a machine of two cores.
 */
const NOT_WANTED = 'PreloadTopChromeWebUI';

/** The features the browser runs without, as it reports them itself. */
async function disabledFeatures(browser: Browser): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.goto('chrome://version/?show-variations-cmd');
    const text = (await page.locator('#variations-cmd').textContent()) ?? '';
    return /--disable-features="?([^"\s]+)"?/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

/**
 * Headless Chromium as the e2e tests launch it, without the address bar's
 * preloaded web UI. Chromium reads only the last `--disable-features` switch,
 * so ours repeats the features Playwright disables (read from a first launch).
 */
export async function launchBenchBrowser(): Promise<Browser> {
  const probe = await launchBrowser();
  const disabled = await disabledFeatures(probe).finally(() => probe.close());
  if (disabled === null) {
    console.warn(`[web] could not read the browser's disabled features: ${NOT_WANTED} stays on`);
    return launchBrowser();
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', `--disable-features=${disabled},${NOT_WANTED}`],
  });
}
