import { describe, expect, it } from 'vitest';
import { hashSecret } from '../secret-token.js';
import { looksLikeApiToken, mintApiToken } from './api-token-secret.js';

describe('personal API token secrets', () => {
  it('mints tl_ tokens with 256 random bits, their hash and a display prefix', () => {
    const minted = mintApiToken();
    expect(minted.secret).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect(minted.secretHash).toBe(hashSecret(minted.secret));
    expect(minted.secret.startsWith(minted.displayPrefix)).toBe(true);
    expect(minted.displayPrefix.length).toBeLessThan(minted.secret.length / 4);
  });

  it('never mints the same token twice', () => {
    expect(mintApiToken().secret).not.toBe(mintApiToken().secret);
  });

  it('recognises the token shape', () => {
    expect(looksLikeApiToken(mintApiToken().secret)).toBe(true);
    expect(looksLikeApiToken('tl_short')).toBe(false);
    expect(looksLikeApiToken('ghp_0123456789012345678901234567890123456789')).toBe(false);
  });
});
