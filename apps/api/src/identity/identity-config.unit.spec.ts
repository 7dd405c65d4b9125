import { describe, expect, it } from 'vitest';
import { IdentityConfigError, loadIdentityConfig } from './identity-config.js';

describe('identity configuration', () => {
  it('has documented defaults', () => {
    const config = loadIdentityConfig({});
    expect(config).toMatchObject({
      sessionAbsoluteTimeoutMs: 7 * 24 * 3600_000,
      sessionIdleTimeoutMs: 12 * 3600_000,
      isSessionCookieSecure: false,
      isRegistrationOpen: true,
      signInRateLimit: { perAccount: 5, perAddress: 20, windowMs: 900_000 },
      publicUrl: 'http://localhost:3000',
      oidcSecretKey: null,
      isPrivateIssuerAllowed: false,
      demoAccountPassword: 'threatloom-demo',
    });
  });

  it('marks the cookie Secure and closes registration for a public https deployment in production', () => {
    const config = loadIdentityConfig({
      PUBLIC_URL: 'https://threatloom.example/',
      NODE_ENV: 'production',
    });
    expect(config.isSessionCookieSecure).toBe(true);
    expect(config.isRegistrationOpen).toBe(false);
    expect(config.publicUrl).toBe('https://threatloom.example');
  });

  it('marks the cookie Secure in production even on a loopback URL', () => {
    expect(loadIdentityConfig({ NODE_ENV: 'production' }).isSessionCookieSecure).toBe(true);
    expect(
      loadIdentityConfig({ NODE_ENV: 'production', SESSION_COOKIE_SECURE: 'false' })
        .isSessionCookieSecure,
    ).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadIdentityConfig({ OIDC_SECRET_KEY: 'too-short' })).toThrow(IdentityConfigError);
    expect(() => loadIdentityConfig({ SESSION_IDLE_TIMEOUT_MINUTES: '-1' })).toThrow(
      /SESSION_IDLE_TIMEOUT_MINUTES/,
    );
  });
});
