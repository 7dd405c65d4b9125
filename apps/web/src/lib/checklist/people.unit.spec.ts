import { describe, expect, it } from 'vitest';
import { knownEmailsOf, personLabel } from './people.js';

describe('personLabel', () => {
  const emails = new Map([
    ['u-1', 'ada@genomewell.test'],
    ['u-2', 'grace@helix.test'],
  ]);

  it('names the signed-in user "you", with their email', () => {
    expect(personLabel('u-1', emails, 'u-1')).toBe('you (ada@genomewell.test)');
  });

  it('names someone else by email', () => {
    expect(personLabel('u-2', emails, 'u-1')).toBe('grace@helix.test');
  });

  it('falls back to a short id for someone unknown', () => {
    expect(personLabel('0a1b2c3d-4e5f-6789', emails, 'u-1')).toBe('user 0a1b2c3d');
  });
});

describe('knownEmailsOf', () => {
  it('collects emails from every source and skips people without one', () => {
    const emails = knownEmailsOf([
      [{ userId: 'u-1', email: 'ada@genomewell.test' }],
      [
        { userId: 'u-2', email: null },
        { userId: 'u-3', email: 'alan@regulator.test' },
      ],
    ]);
    expect([...emails]).toEqual([
      ['u-1', 'ada@genomewell.test'],
      ['u-3', 'alan@regulator.test'],
    ]);
  });
});
