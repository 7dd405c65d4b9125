/**
 * A minimal browser for tests: real HTTP through fetch, a cookie jar per
 * origin that honours Path and Max-Age, and manual redirect following so each
 * hop can be inspected.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, { value: string; path: string }>>();

  /** Sends a request with the jar's cookies for its URL and stores the cookies it answers with. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookieHeader = this.cookieHeaderFor(target);
    if (cookieHeader) headers.set('cookie', cookieHeader);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.store(target, response.headers.getSetCookie());
    return response;
  }

  /** Follows redirects from `url` until a non-redirect answer; returns it with every URL visited. */
  async follow(
    url: string | URL,
    init: RequestInit = {},
    maxHops = 20,
  ): Promise<{ response: Response; visited: string[] }> {
    const visited: string[] = [];
    let current = new URL(url);
    let response = await this.fetch(current, init);
    visited.push(current.href);
    for (let hop = 0; hop < maxHops && response.status >= 300 && response.status < 400; hop += 1) {
      const location = response.headers.get('location');
      if (!location) break;
      await response.arrayBuffer();
      current = new URL(location, current);
      response = await this.fetch(current);
      visited.push(current.href);
    }
    return { response, visited };
  }

  /** The value of a cookie the browser holds for `origin`, if any. */
  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).host)?.get(name)?.value;
  }

  /** Stores a cookie by hand, e.g. to replay a stolen or old one. */
  setCookie(origin: string, name: string, value: string, path = '/'): void {
    const host = new URL(origin).host;
    const cookies = this.jar.get(host) ?? new Map<string, { value: string; path: string }>();
    cookies.set(name, { value, path });
    this.jar.set(host, cookies);
  }

  private cookieHeaderFor(url: URL): string {
    const cookies = this.jar.get(url.host);
    if (!cookies) return '';
    return [...cookies.entries()]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${encodeURIComponent(cookie.value)}`)
      .join('; ');
  }

  private store(url: URL, setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      if (separator < 0) continue;
      const name = pair.slice(0, separator);
      const value = decodeURIComponent(pair.slice(separator + 1));
      const attribute = (key: string) =>
        attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const maxAge = attribute('max-age');
      const path = attribute('path') ?? '/';
      const cookies = this.jar.get(url.host) ?? new Map<string, { value: string; path: string }>();
      if (maxAge !== undefined && Number(maxAge) <= 0) cookies.delete(name);
      else cookies.set(name, { value, path });
      this.jar.set(url.host, cookies);
    }
  }
}
