import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env['CI']) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
}
if (!hasChromium) {
  console.warn(`\n*** ${CHROMIUM} is missing: the GraphiQL browser check is SKIPPED ***\n`);
}

/** The part of the page's globals the browser-side check reads (tests compile without DOM types). */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** Every script src and stylesheet href a page references. */
function referencedAssets(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] ?? '');
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  return [...scripts, ...styles];
}

describe('the GraphQL IDE', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { SEED_DEMO: 'true' });
  });
  afterAll(async () => server?.close());

  it('references only same-origin scripts and stylesheets, each answering 200', async () => {
    const response = await fetch(`${server.baseUrl}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const assets = referencedAssets(await response.text());
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const reference of assets) {
      const url = new URL(reference, `${server.baseUrl}/graphiql`);
      expect(url.origin, reference).toBe(server.baseUrl);
      const asset = await fetch(url);
      expect(asset.status, reference).toBe(200);
      expect(asset.headers.get('content-type'), reference).toMatch(/javascript|css/);
      expect((await asset.arrayBuffer()).byteLength, reference).toBeGreaterThan(1000);
    }
  });

  it('answers an unknown asset name with 404', async () => {
    expect((await fetch(`${server.baseUrl}/graphiql/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/graphiql/assets/nope.js`)).status).toBe(404);
  });

  describe.skipIf(!hasChromium)('in headless Chromium without network', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox'],
      });
    });
    afterAll(async () => browser?.close());

    it('renders the IDE and signs in twice through it, asking nothing of any other host', async () => {
      const page = await browser.newPage();
      const foreign: string[] = [];
      // Anything not addressed to the server fails, as it would offline.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (
          url.startsWith(server.baseUrl) ||
          url.startsWith(server.baseUrl.replace(/^http/, 'ws'))
        ) {
          return route.continue();
        }
        foreign.push(url);
        return route.abort('internetdisconnected');
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await page.goto(`${server.baseUrl}/graphiql`);
      await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
      await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });

      // The default query signs the demo account in; running it again while
      // signed in must work too (the IDE sends the CSRF token), and a new
      // session answers a new csrfToken.
      let previous = '';
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        await page.click('.graphiql-execute-button');
        await page.waitForFunction(
          (before) => {
            const text =
              (globalThis as unknown as PageGlobals).document.querySelector('.result-window')
                ?.textContent ?? '';
            return text !== before && /"csrfToken":\s*"[^"]+"/.test(text);
          },
          previous,
          { timeout: 30_000 },
        );
        previous = (await page.textContent('.result-window')) ?? '';
        expect(previous).toContain('demo@threatloom.local');
      }
      const result = (await page.textContent('.result-window')) ?? '';
      expect(result).not.toContain('FORBIDDEN');
      await page.screenshot({ path: '/tmp/threatloom-graphiql.png' });
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  });
});
