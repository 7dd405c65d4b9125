import * as client from 'openid-client';
import { IllegalState } from '../../errors/app-error.js';
import { isLoopbackHttpUrl } from '../identity-config.js';

/** How long a discovered provider configuration is reused before discovery runs again. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** What discovery needs to know about a provider. */
export interface OidcClientSettings {
  cacheKey: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
}

/**
 * Discovers providers with openid-client and caches the result per
 * organisation and configuration version. Plain http is accepted only for
 * loopback issuers (local development and tests); anything else needs https.
 */
export class OidcClientFactory {
  private readonly cache = new Map<
    string,
    { configuration: client.Configuration; expiresAt: number }
  >();

  /** A ready openid-client Configuration for the provider. */
  async configurationFor(
    settings: OidcClientSettings,
    now = Date.now(),
  ): Promise<client.Configuration> {
    const cached = this.cache.get(settings.cacheKey);
    if (cached && cached.expiresAt > now) return cached.configuration;
    const isLoopback = isLoopbackHttpUrl(settings.issuer);
    let configuration: client.Configuration;
    try {
      configuration = await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret === null
          ? client.None()
          : client.ClientSecretPost(settings.clientSecret),
        isLoopback ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    } catch {
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
