import { describe, expect, it } from 'vitest';
import { checklistWords, shortHash } from './version-records.js';

describe('version records in words', () => {
  it('shortens a root hash to its ends', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
    expect(shortHash('abc')).toBe('abc');
  });

  it('words the checklist of a version', () => {
    expect(checklistWords({ passed: true, passedCount: 10, itemCount: 10, failedItems: [] })).toBe(
      '10 of 10 items passed: ready',
    );
    expect(
      checklistWords({
        passed: false,
        passedCount: 8,
        itemCount: 10,
        failedItems: ['traceability', 'rationales'],
      }),
    ).toBe('8 of 10 items passed (failed: traceability, rationales)');
  });
});
