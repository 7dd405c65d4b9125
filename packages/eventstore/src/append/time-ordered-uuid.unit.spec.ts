import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-uuid.js';

describe('timeOrderedUuid', () => {
  it('is a lower-case version 7 UUID with the RFC 9562 variant', () => {
    expect(timeOrderedUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('carries the given Unix milliseconds in its first 48 bits', () => {
    const millis = Date.UTC(2026, 10, 24, 9, 0, 0, 123);
    const id = timeOrderedUuid(millis);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(millis);
  });

  it('sorts ids of a later millisecond after those of an earlier one', () => {
    const earlier = Array.from({ length: 50 }, () => timeOrderedUuid(1_000));
    const later = Array.from({ length: 50 }, () => timeOrderedUuid(1_001));
    expect(earlier.every((id) => later.every((other) => id < other))).toBe(true);
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(1_000)));
    expect(ids.size).toBe(1000);
  });
});
