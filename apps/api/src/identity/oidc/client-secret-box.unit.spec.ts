import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openClientSecret, sealClientSecret } from './client-secret-box.js';

describe('sealed OIDC client secrets', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plain secret', () => {
    const sealed = sealClientSecret(key, 'very-secret');
    expect(sealed).not.toContain('very-secret');
    expect(openClientSecret(key, sealed)).toBe('very-secret');
  });

  it('refuses to open with another key', () => {
    const sealed = sealClientSecret(key, 'very-secret');
    expect(() => openClientSecret(randomBytes(32), sealed)).toThrow();
  });

  it('refuses a tampered value', () => {
    const sealed = sealClientSecret(key, 'very-secret');
    const parts = sealed.split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = `${ciphertext.startsWith('A') ? 'B' : 'A'}${ciphertext.slice(1)}`;
    const tampered = parts.join('.');
    expect(() => openClientSecret(key, tampered)).toThrow();
  });
});
