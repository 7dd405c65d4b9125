import type { VersionSummary } from '@threatloom/collab';
import { describe, expect, it } from 'vitest';
import { readableInstant } from './instants.js';
import { currentVersionText, newestFirst } from './versions.js';

function version(number: number): VersionSummary {
  return {
    number,
    label: `v${number}`,
    frozenAt: '2026-03-02T09:00:00.000Z',
    frozenBy: 'u-1',
    signedOff: null,
  };
}

describe('newestFirst', () => {
  it('lists the newest version first', () => {
    expect(newestFirst([version(1), version(3), version(2)]).map((v) => v.number)).toEqual([
      3, 2, 1,
    ]);
  });

  it('reads a doc without versions as none', () => {
    expect(newestFirst(undefined)).toEqual([]);
  });
});

describe('currentVersionText', () => {
  it('says the draft is being edited', () => {
    expect(currentVersionText(2, false)).toBe('Version 2 is the draft being edited.');
  });

  it('says a frozen version no longer changes', () => {
    expect(currentVersionText(2, true)).toMatch(/^Version 2 is frozen/);
  });
});

describe('readableInstant', () => {
  it('shows an instant as a date and a time', () => {
    expect(readableInstant('2026-03-02T09:05:00.000Z', 'en-GB', 'UTC')).toBe('2 Mar 2026, 09:05');
  });

  it('keeps text that is no instant as it is', () => {
    expect(readableInstant('soon', 'en-GB', 'UTC')).toBe('soon');
  });
});
