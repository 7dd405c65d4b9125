import type { CookieBrowser } from './cookie-browser.js';

/** Where a single sign-on attempt ended. */
export interface OidcFlowResult {
  response: Response;
  visited: string[];
}

/**
 * Drives the whole redirect flow as a browser would: open the start URL,
 * follow redirects to the provider's login page, submit its form with the
 * given credentials, and follow redirects back through the callback.
 */
export async function signInThroughProvider(
  browser: CookieBrowser,
  startUrl: string,
  login: string,
  password: string,
): Promise<OidcFlowResult> {
  const toLoginPage = await browser.follow(startUrl);
  const loginPageUrl = toLoginPage.visited.at(-1) ?? startUrl;
  const html = await toLoginPage.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (toLoginPage.response.status !== 200 || !action) {
    throw new Error(
      `expected the provider's login page, got ${toLoginPage.response.status}: ${html.slice(0, 200)}`,
    );
  }
  const submitted = await browser.fetch(new URL(action, loginPageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
  });
  const location = submitted.headers.get('location');
  if (submitted.status < 300 || submitted.status >= 400 || !location) {
    throw new Error(`expected a redirect after the login form, got ${submitted.status}`);
  }
  await submitted.arrayBuffer();
  const back = await browser.follow(new URL(location, loginPageUrl));
  return { response: back.response, visited: [...toLoginPage.visited, ...back.visited] };
}

/**
 * Runs the flow up to the point where the provider sends the browser back,
 * without opening the callback: returns the callback URL the provider chose.
 */
export async function stopAtCallback(
  browser: CookieBrowser,
  startUrl: string,
  callbackUrl: string,
  login: string,
  password: string,
): Promise<URL> {
  const toLoginPage = await browser.follow(startUrl);
  const loginPageUrl = toLoginPage.visited.at(-1) ?? startUrl;
  const action = /action="([^"]+)"/.exec(await toLoginPage.response.text())?.[1] ?? '';
  const submitted = await browser.fetch(new URL(action, loginPageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
  });
  let next = new URL(submitted.headers.get('location') ?? '', loginPageUrl);
  for (let hop = 0; hop < 10 && !next.href.startsWith(callbackUrl); hop += 1) {
    const response = await browser.fetch(next);
    next = new URL(response.headers.get('location') ?? '', next);
  }
  if (!next.href.startsWith(callbackUrl)) throw new Error(`never reached ${callbackUrl}`);
  return next;
}
