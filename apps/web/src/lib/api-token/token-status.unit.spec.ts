import { describe, expect, it } from 'vitest';
import { tokenStatus, tokenStatusLabel } from './token-status.js';

describe('tokenStatus', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('calls a token without revocation or past expiry active', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-12-02T00:00:00Z' }, now)).toBe('active');
  });

  it('calls a token past its expiry expired', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-12-01T10:00:00Z' }, now)).toBe(
      'expired',
    );
  });

  it('calls a revoked token revoked, whatever its expiry', () => {
    expect(
      tokenStatus({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-02T00:00:00Z' }, now),
    ).toBe('revoked');
    expect(tokenStatusLabel('revoked')).toBe('Revoked');
  });
});
