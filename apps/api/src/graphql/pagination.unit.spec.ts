import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

describe('cursor pagination', () => {
  it('decodes the sort key a cursor was made from', () => {
    expect(decodeCursor(encodeCursor([42, 'threat-42']), 2)).toEqual([42, 'threat-42']);
  });

  it('rejects a tampered cursor as a VALIDATION error on after', () => {
    expect(() => decodeCursor('bm90LWpzb24', 2)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'after' }),
    );
    expect(() => decodeCursor(encodeCursor([1]), 2)).toThrow(
      expect.objectContaining({ field: 'after' }),
    );
  });

  it('defaults the page size and caps it at the maximum', () => {
    expect(pageSize(undefined, 100)).toBe(50);
    expect(pageSize(undefined, 20)).toBe(20);
    expect(pageSize(100, 100)).toBe(100);
    expect(() => pageSize(101, 100)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'first' }),
    );
    expect(() => pageSize(0, 100)).toThrow(expect.objectContaining({ field: 'first' }));
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const connection = toConnection(
      [1, 2, 3],
      2,
      10,
      (row) => `c${row}`,
      (row) => row * 10,
    );
    expect(connection.edges).toEqual([
      { cursor: 'c1', node: 10 },
      { cursor: 'c2', node: 20 },
    ]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c2' });
  });
});
