/** Name of the cookie carrying the session secret. */
export const SESSION_COOKIE = 'threatloom_session';
/** Name of the cookie binding an OIDC login attempt to the browser that started it. */
export const OIDC_STATE_COOKIE = 'threatloom_oidc_state';

/** Attributes of a cookie the server sets. */
export interface CookieOptions {
  maxAgeSeconds: number;
  isSecure: boolean;
  path?: string;
}

/** Reads one cookie from a Cookie header; undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return undefined;
}

/**
 * Serialises an httpOnly, SameSite=Lax cookie. Lax (not Strict) so that a user
 * following a link into the app, and the OIDC provider redirecting back, arrive
 * signed in; cross-site mutations are stopped by the CSRF token, not by SameSite.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.isSecure) attributes.push('Secure');
  return attributes.join('; ');
}

/** A Set-Cookie value that makes the browser drop the cookie. */
export function expiredCookie(name: string, isSecure: boolean, path = '/'): string {
  return serializeCookie(name, '', { maxAgeSeconds: 0, isSecure, path });
}
