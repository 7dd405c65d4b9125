import type { RiskDecision } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { expiredDecisions, expiredWords, nextExpiryMs } from './expired-decisions.js';

const decision = (
  id: string,
  kind: RiskDecision['kind'],
  expiresAt: string | null,
  revoked: RiskDecision['revoked'] = null,
): RiskDecision => ({
  id,
  kind,
  threatId: `threat-${id}`,
  rationale: 'Reviewed',
  transferredTo: kind === 'transfer' ? 'Vendor' : null,
  decidedBy: 'alice',
  approvedBy: 'alice',
  decidedAt: '2026-01-01T00:00:00.000Z',
  expiresAt,
  revoked,
});

describe('expired risk decisions', () => {
  const now = Date.parse('2026-12-08T12:00:00.000Z');

  it('keeps decisions in force whose expiry has passed, soonest expired first', () => {
    const expired = expiredDecisions(
      [
        decision('later', 'accept', '2026-12-08T11:00:00.000Z'),
        decision('sooner', 'accept', '2026-11-30T23:59:59.000Z'),
        decision('exactly-now', 'transfer', '2026-12-08T12:00:00.000Z'),
        decision('future', 'accept', '2026-12-09T00:00:00.000Z'),
        decision('never', 'accept', null),
        decision('revoked', 'accept', '2026-01-02T00:00:00.000Z', {
          at: '2026-01-01T12:00:00.000Z',
          by: 'alice',
          reason: 'Replaced',
        }),
      ],
      now,
    );
    expect(expired.map((entry) => entry.id)).toEqual(['sooner', 'later', 'exactly-now']);
  });

  it('knows when the next decision in force expires, to look again then', () => {
    expect(
      nextExpiryMs(
        [
          decision('past', 'accept', '2026-12-01T00:00:00.000Z'),
          decision('soon', 'accept', '2026-12-08T13:00:00.000Z'),
          decision('later', 'transfer', '2026-12-20T00:00:00.000Z'),
          decision('never', 'accept', null),
        ],
        now,
      ),
    ).toBe(Date.parse('2026-12-08T13:00:00.000Z'));
    expect(nextExpiryMs([decision('never', 'accept', null)], now)).toBeNull();
  });

  it('words them for the header', () => {
    expect(expiredWords([])).toBe('');
    expect(expiredWords([decision('a', 'accept', '2026-01-01T00:00:00Z')])).toBe(
      '1 risk acceptance expired',
    );
    expect(
      expiredWords([
        decision('a', 'transfer', '2026-01-01T00:00:00Z'),
        decision('b', 'transfer', '2026-01-01T00:00:00Z'),
      ]),
    ).toBe('2 risk transfers expired');
    expect(
      expiredWords([
        decision('a', 'accept', '2026-01-01T00:00:00Z'),
        decision('b', 'transfer', '2026-01-01T00:00:00Z'),
      ]),
    ).toBe('2 risk decisions expired');
  });
});
