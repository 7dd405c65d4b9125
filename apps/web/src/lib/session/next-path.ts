/**
 * Where to go after signing in: the `next` parameter when it is a path of
 * this app, else the start page. Anything else (another origin, a
 * protocol-relative `//host`, a backslash trick) is ignored, so a link cannot
 * send someone elsewhere after they sign in.
 */
export function nextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  try {
    const url = new URL(next, 'http://app.invalid');
    if (url.origin !== 'http://app.invalid') return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
