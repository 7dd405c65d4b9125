import { describe, expect, it } from 'vitest';
import { compareCheckpoints } from './event.js';

describe('compareCheckpoints', () => {
  it('orders by transaction id first, numerically beyond 2^53', () => {
    const early = { transactionId: '9', position: 500 };
    const late = { transactionId: '10', position: 1 };
    expect(compareCheckpoints(early, late)).toBeLessThan(0);
    expect(compareCheckpoints(late, early)).toBeGreaterThan(0);
    expect(
      compareCheckpoints(
        { transactionId: '9007199254740993', position: 1 },
        { transactionId: '9007199254740992', position: 2 },
      ),
    ).toBeGreaterThan(0);
  });

  it('orders by position within one transaction and is 0 for equal checkpoints', () => {
    expect(
      compareCheckpoints({ transactionId: '7', position: 3 }, { transactionId: '7', position: 4 }),
    ).toBeLessThan(0);
    expect(
      compareCheckpoints({ transactionId: '7', position: 4 }, { transactionId: '7', position: 4 }),
    ).toBe(0);
  });
});
