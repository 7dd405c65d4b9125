import { createHmac } from 'node:crypto';
import { constantTimeEquals } from '../secret-token.js';

/** Header a cookie-authenticated mutation must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: an HMAC keyed by the session's own secret. Only
 * someone who can read the httpOnly cookie, i.e. the server, can compute it,
 * and any replica can check it without a shared key or extra storage.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('threatloom csrf v1').digest('base64url');
}

/** True when the presented header matches the session's CSRF token. */
export function isValidCsrfToken(sessionSecret: string, presented: string | undefined): boolean {
  if (!presented) return false;
  return constantTimeEquals(csrfTokenFor(sessionSecret), presented);
}
