import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { isPublicAddress } from './public-address.js';

/** Raised before any connection when an issuer's endpoint is, or resolves to, a non-public address. */
export class NonPublicIssuerAddressError extends Error {
  constructor(readonly host: string) {
    super(`OpenID provider host ${host} is not on a public address`);
    this.name = 'NonPublicIssuerAddressError';
  }
}

/**
 * Resolves a host and connects only if every address it resolves to is
 * public. Checking at connect time (not before the request) leaves no gap for
 * a DNS answer that changes between the check and the connection.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const first = addresses[0];
    if (first === undefined || addresses.some((entry) => !isPublicAddress(entry.address))) {
      callback(Object.assign(new NonPublicIssuerAddressError(hostname), { code: 'EACCES' }), '', 0);
      return;
    }
    if (options.all)
      (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    else callback(null, first.address, first.family);
  });
};

/** Connections to OpenID providers: public addresses only. */
const publicOnlyAgent = new Agent({ connect: { lookup: publicOnlyLookup } });

/**
 * The fetch openid-client uses for every request to a provider (discovery,
 * JWKS, token, UserInfo). Unless private issuers are allowed, a literal
 * non-public IP is refused before any request, and a host name is refused when
 * any address it resolves to is non-public, before a connection is opened.
 * Redirects are never followed (openid-client asks for `redirect: 'manual'`).
 */
export function issuerFetch(isPrivateIssuerAllowed: boolean): client.CustomFetch {
  if (isPrivateIssuerAllowed) return (url, options) => fetch(url, options);
  return async (url, options) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && !isPublicAddress(host)) throw new NonPublicIssuerAddressError(host);
    try {
      return (await undiciFetch(url, {
        ...(options as object),
        dispatcher: publicOnlyAgent,
      })) as unknown as Response;
    } catch (error) {
      const refusal = nonPublicCause(error);
      throw refusal ?? error;
    }
  };
}

/** The address refusal somewhere in an error's cause chain, if any. */
export function nonPublicCause(error: unknown): NonPublicIssuerAddressError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    if (current instanceof NonPublicIssuerAddressError) return current;
    current = current.cause;
  }
  return null;
}
