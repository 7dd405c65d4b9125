import { describe, expect, it } from 'vitest';
import { jsonPieces } from './json-slices.js';

const text = (value: unknown): string => [...jsonPieces(value)].join('');

describe('jsonPieces', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const rows = Array.from({ length: 300 }, (_, index) => ({
      id: `row-${index}`,
      skipped: undefined,
      cells: [{ category: 'spoofing', refs: [index, index + 1] }],
      note: index % 2 === 0 ? null : 'a "quoted" note\n',
    }));
    const samples: unknown[] = [
      { data: { a0: { rows, unassigned: [] }, a1: { rows: rows.slice(0, 3) } } },
      { data: { checklist: { items: [{ id: 'x', offenders: rows }], passed: false } } },
      { data: Object.assign(Object.create(null) as object, { list: [undefined, () => 1, 2] }) },
      { data: { at: new Date(0), empty: {}, nested: [[1, [2, [3]]]], long: Array(100).fill(1) } },
      [1, 'two', null, { three: 3 }],
      'text',
      42,
      null,
    ];
    for (const sample of samples) expect(text(sample)).toBe(JSON.stringify(sample));
  });

  it('hands a long list out one element at a time', () => {
    const pieces = [
      ...jsonPieces({ data: { rows: Array.from({ length: 500 }, (_, id) => ({ id })) } }),
    ];
    expect(pieces.length).toBeGreaterThan(500);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(20);
  });
});
