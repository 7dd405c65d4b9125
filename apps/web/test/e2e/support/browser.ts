import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** True when Debian's Chromium is installed (`.ci/run` installs it). */
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env['CI']) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
}
if (!hasChromium) {
  console.warn(`\n*** ${CHROMIUM} is missing: the web app's browser tests are SKIPPED ***\n`);
}

/** Launches headless Chromium as the tests drive it. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}
