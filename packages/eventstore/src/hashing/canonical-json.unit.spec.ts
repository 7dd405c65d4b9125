import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('matches the RFC 8785 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units at every depth', () => {
    expect(canonicalJson({ b: { z: 1, a: 2 }, a: [{ y: 1, x: 2 }], é: 0, Z: 0 })).toBe(
      '{"Z":0,"a":[{"x":2,"y":1}],"b":{"a":2,"z":1},"é":0}',
    );
  });

  it('drops undefined members and writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson({ kept: 1, dropped: undefined, list: [undefined] })).toBe(
      '{"kept":1,"list":[null]}',
    );
  });

  it('encodes dates through toJSON', () => {
    expect(canonicalJson({ at: new Date('2026-11-24T09:00:00.000Z') })).toBe(
      '{"at":"2026-11-24T09:00:00.000Z"}',
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 10n])(
    'rejects %s, which JSON cannot carry faithfully',
    (value) => {
      expect(() => canonicalJson({ value })).toThrow(ValidationError);
    },
  );

  it('is stable across a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
      }),
    );
  });

  it('does not depend on the order keys were inserted in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});
