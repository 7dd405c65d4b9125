import type { FastifyRequest } from 'fastify';
import { isValidCsrfToken } from '../session/csrf-token.js';
import { isAllowedOrigin, originOf } from './origin-check.js';

/**
 * Why a graphql-ws connection may not proceed, or null when it may. A browser
 * opens WebSockets with the site's cookies from any page and the same-origin
 * policy does not apply to them, so a cookie-authenticated connection must
 * come from an allowed Origin (browsers always send one) and prove, like a
 * mutation, that the page could read the session's CSRF token: `csrfToken` in
 * the `connection_init` payload. API-token and anonymous connections carry no
 * ambient credential and need neither; any connection naming a foreign Origin
 * is refused. Reasons fit a WebSocket close frame (at most 123 bytes).
 */
export function subscriptionConnectionRefusal(
  request: FastifyRequest,
  connectionInitPayload: unknown,
  allowedOrigins: readonly string[],
): string | null {
  const origin = originOf(request.headers);
  if (origin !== undefined && !isAllowedOrigin(origin, allowedOrigins)) {
    return 'Forbidden: this Origin may not open subscriptions (ALLOWED_ORIGINS)';
  }
  const sessionSecret = request.threatloomIdentity?.sessionSecret ?? null;
  if (sessionSecret === null) return null;
  if (origin === undefined) return 'Forbidden: a session cookie connection needs an Origin header';
  const presented = (connectionInitPayload as { csrfToken?: unknown } | null | undefined)
    ?.csrfToken;
  if (typeof presented !== 'string' || !isValidCsrfToken(sessionSecret, presented)) {
    return "Forbidden: connection_init payload needs the session's csrfToken";
  }
  return null;
}
