import type { IncomingHttpHeaders } from 'node:http';

/** The request's Origin header, or undefined when it sent none. */
export function originOf(headers: IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  return origin === undefined || origin === '' ? undefined : origin;
}

/**
 * Whether `origin` is one of the configured origins (exact match, as browsers
 * send it: scheme, host and port). `null` (sandboxed frames, file: pages) is
 * never allowed.
 */
export function isAllowedOrigin(origin: string, allowedOrigins: readonly string[]): boolean {
  return allowedOrigins.includes(origin.toLowerCase());
}
