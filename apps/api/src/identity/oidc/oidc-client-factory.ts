import * as client from 'openid-client';
import { IllegalState } from '../../errors/app-error.js';
import { isLoopbackHttpUrl } from '../identity-config.js';
import { issuerFetch, nonPublicCause } from './issuer-fetch.js';
import { PUBLIC_ISSUER_EXPECTED, issuerProblem } from './issuer-policy.js';

/** How long a discovered provider configuration is reused before discovery runs again. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** What discovery needs to know about a provider. */
export interface OidcClientSettings {
  cacheKey: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
}

/** The issuer is not allowed (scheme or address); `expected` says what would be. */
export class IssuerRefused extends IllegalState {
  constructor(readonly expected: string) {
    super(`The organisation's OpenID provider is not allowed: expected ${expected}`);
  }
}

/**
 * Discovers providers with openid-client and caches the result per
 * organisation and configuration version. Every request to a provider goes
 * through `issuerFetch`, which refuses non-public addresses unless
 * `isPrivateIssuerAllowed` (development only); plain http is accepted only
 * for loopback issuers under that same setting. ID token signatures are
 * always verified against the provider's JWKS, also for tokens from the token
 * endpoint, which openid-client otherwise trusts because of TLS alone.
 */
export class OidcClientFactory {
  private readonly cache = new Map<
    string,
    { configuration: client.Configuration; expiresAt: number }
  >();
  private readonly fetch: client.CustomFetch;

  constructor(private readonly isPrivateIssuerAllowed: boolean) {
    this.fetch = issuerFetch(isPrivateIssuerAllowed);
  }

  /** A ready openid-client Configuration for the provider. */
  async configurationFor(
    settings: OidcClientSettings,
    now = Date.now(),
  ): Promise<client.Configuration> {
    const cached = this.cache.get(settings.cacheKey);
    if (cached && cached.expiresAt > now) return cached.configuration;
    const problem = issuerProblem(settings.issuer, this.isPrivateIssuerAllowed);
    if (problem !== null) throw new IssuerRefused(problem);
    const isPlainHttpAllowed = this.isPrivateIssuerAllowed && isLoopbackHttpUrl(settings.issuer);
    let configuration: client.Configuration;
    try {
      configuration = await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret === null
          ? client.None()
          : client.ClientSecretPost(settings.clientSecret),
        {
          [client.customFetch]: this.fetch,
          execute: [
            client.enableNonRepudiationChecks,
            ...(isPlainHttpAllowed ? [client.allowInsecureRequests] : []),
          ],
        },
      );
    } catch (error) {
      if (nonPublicCause(error) !== null) {
        throw new IssuerRefused(PUBLIC_ISSUER_EXPECTED);
      }
      throw new IllegalState(
        "The organisation's OpenID provider cannot be reached or its discovery document is invalid",
      );
    }
    this.cache.set(settings.cacheKey, { configuration, expiresAt: now + DISCOVERY_TTL_MS });
    return configuration;
  }

  /** Forgets cached configurations of an organisation, after it reconfigured its provider. */
  forget(organisationId: string): void {
    for (const key of this.cache.keys())
      if (key.startsWith(`${organisationId}:`)) this.cache.delete(key);
  }
}
