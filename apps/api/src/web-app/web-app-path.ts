/**
 * First path segments that belong to the API: the routes AppModule and
 * createApp register (GraphQL and its subscriptions, the IDE, co-editing,
 * health, metrics, the checkpoint key, single sign-on). Below them the web app
 * serves no file and no fallback page, so an unknown API path keeps the API's
 * JSON 404 even in a browser. test/front-door/web-app.int.spec.ts checks the
 * list against the router.
 */
export const API_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  'graphql',
  'graphiql',
  'collab',
  'health',
  'metrics',
  '.well-known',
  'auth',
]);

/** A request path the web app may answer: canonical, decoded, below its root. */
export interface WebAppPath {
  /** The path relative to the web root, `/`-separated (`_app/immutable/x.js`). */
  relativePath: string;
  /** Whether the last segment has a file extension (`robots.txt`, not `sign-in`). */
  hasExtension: boolean;
}

/**
 * Reads the path of a request URL (`/models/1?x=2`) as a file under the web
 * root, or null when the web app must not answer it: an API path, a malformed
 * percent-encoding, a NUL or backslash, a `.` or `..` segment (also encoded, as
 * `..%2F`), an empty segment (`//`, a trailing `/`), or a dot-file.
 */
export function webAppPath(url: string): WebAppPath | null {
  const queryStart = url.search(/[?#]/);
  const encoded = queryStart < 0 ? url : url.slice(0, queryStart);
  if (!encoded.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  // Each segment is a plain name: not empty, not `.` or `..`, not hidden.
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  if (API_PATH_SEGMENTS.has(segments[0] ?? '')) return null;
  const lastSegment = segments[segments.length - 1] ?? '';
  return { relativePath: segments.join('/'), hasExtension: lastSegment.includes('.') };
}
