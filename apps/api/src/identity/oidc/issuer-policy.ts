import { isIP } from 'node:net';
import { isLoopbackHttpUrl } from '../identity-config.js';
import { isPublicAddress } from './public-address.js';

/** What a refused issuer should have been, for the VALIDATION error on `input.issuer`. */
export const PUBLIC_ISSUER_EXPECTED =
  'an issuer on a public address (loopback, link-local and private addresses need OIDC_ALLOW_PRIVATE_ISSUERS=true)';

/** What an issuer with the wrong scheme should have been. */
export const HTTPS_ISSUER_EXPECTED =
  'an https URL (plain http only on a loopback address with OIDC_ALLOW_PRIVATE_ISSUERS=true)';

/**
 * Checks an issuer URL before any request is made: https only (plain http
 * only on loopback, and only when private issuers are allowed), no
 * credentials in the URL, and no literal non-public IP address unless allowed.
 * Host names are checked again when they are resolved (see issuer-fetch.ts).
 * Returns what was expected, or null when the URL is acceptable.
 */
export function issuerProblem(issuer: string, isPrivateIssuerAllowed: boolean): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'the issuer URL';
  }
  const isAllowedPlainHttp = isPrivateIssuerAllowed && isLoopbackHttpUrl(issuer);
  if (url.protocol !== 'https:' && !isAllowedPlainHttp) return HTTPS_ISSUER_EXPECTED;
  if (url.username !== '' || url.password !== '') return 'an issuer URL without credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isPrivateIssuerAllowed && isIP(host) !== 0 && !isPublicAddress(host)) {
    return PUBLIC_ISSUER_EXPECTED;
  }
  return null;
}
