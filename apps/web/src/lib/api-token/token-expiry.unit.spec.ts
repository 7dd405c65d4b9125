import { describe, expect, it } from 'vitest';
import { expiryFor } from './token-expiry.js';

describe('expiryFor', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('adds a number of days to now', () => {
    expect(expiryFor('30', '', now)).toEqual({ ok: true, expiresAt: '2026-12-31T10:00:00.000Z' });
  });

  it('sends no expiry for a token that never expires', () => {
    expect(expiryFor('never', '', now)).toEqual({ ok: true, expiresAt: null });
  });

  it('ends a chosen day at its last millisecond, in local time', () => {
    const expiry = expiryFor('date', '2027-01-31', now);
    expect(expiry.ok).toBe(true);
    if (!expiry.ok || expiry.expiresAt === null) return;
    const end = new Date(expiry.expiresAt);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours()]).toEqual([
      2027, 0, 31, 23,
    ]);
  });

  it.each([
    ['', 'Choose the day the token stops working'],
    ['2027-02-30', 'Choose a day that exists'],
    ['2026-11-30', 'Choose a day in the future'],
  ])('refuses the date %j', (date, problem) => {
    expect(expiryFor('date', date, now)).toEqual({ ok: false, problem });
  });
});
