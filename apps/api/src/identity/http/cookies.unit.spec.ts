import { describe, expect, it } from 'vitest';
import { expiredCookie, readCookie, serializeCookie } from './cookies.js';

describe('cookies', () => {
  it('serialises an httpOnly, SameSite=Lax cookie with Secure only when asked', () => {
    expect(serializeCookie('a', 'b', { maxAgeSeconds: 60, isSecure: false })).toBe(
      'a=b; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('a', 'b', { maxAgeSeconds: 60, isSecure: true, path: '/auth' })).toBe(
      'a=b; Path=/auth; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
  });

  it('expires a cookie with Max-Age=0', () => {
    expect(expiredCookie('a', true)).toBe('a=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
  });

  it('reads one cookie among several, and nothing from an absent header', () => {
    expect(readCookie('x=1; threatloom_session=abc; y=2', 'threatloom_session')).toBe('abc');
    expect(readCookie('x=1', 'threatloom_session')).toBeUndefined();
    expect(readCookie(undefined, 'threatloom_session')).toBeUndefined();
  });
});
