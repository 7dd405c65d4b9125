/** A Host header fit to name in a policy: a DNS name or IP literal, an optional port, nothing else. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The Content-Security-Policy of the web app's pages. Scripts, styles, images,
 * fonts and workers come from this server only; the inline scripts of the page
 * run by hash, not by 'unsafe-inline'. Styles do allow inline ones, which
 * Svelte Flow sets on its nodes. Connections go to this server, including its
 * WebSockets (co-editing, subscriptions): named by `host` as well as by
 * 'self', which older browsers do not apply to ws: and wss:. No page may frame
 * the app.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[], host: string): string {
  const sockets = PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((hash) => ` ${hash}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every HTML answer of the web app (the GraphQL IDE keeps its own). */
export function htmlSecurityHeaders(
  scriptHashes: readonly string[],
  host: string,
): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(scriptHashes, host),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}
