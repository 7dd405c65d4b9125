import { describe, expect, it } from 'vitest';
import { generateSecret } from '../secret-token.js';
import { csrfTokenFor, isValidCsrfToken } from './csrf-token.js';

describe('CSRF token bound to the session', () => {
  it('is stable for one session', () => {
    const secret = generateSecret();
    expect(csrfTokenFor(secret)).toBe(csrfTokenFor(secret));
  });

  it('differs between sessions', () => {
    expect(csrfTokenFor(generateSecret())).not.toBe(csrfTokenFor(generateSecret()));
  });

  it("accepts the session's own token only", () => {
    const secret = generateSecret();
    expect(isValidCsrfToken(secret, csrfTokenFor(secret))).toBe(true);
    expect(isValidCsrfToken(secret, csrfTokenFor(generateSecret()))).toBe(false);
    expect(isValidCsrfToken(secret, undefined)).toBe(false);
    expect(isValidCsrfToken(secret, '')).toBe(false);
  });
});
