import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringValidationError } from '../errors.js';
import { severityRank } from '../severity.js';
import {
  type SeverityBand,
  bandFor,
  bandForSeverity,
  defaultSeverityBands,
  severityFor,
  validateSeverityBands,
} from './severity-bands.js';

function rejection(bands: unknown): { field: string; expected: string } {
  try {
    validateSeverityBands(bands);
  } catch (error) {
    if (error instanceof ScoringValidationError)
      return { field: error.field, expected: error.expected };
    throw error;
  }
  throw new Error('expected the bands to be rejected');
}

const withBand = (index: number, change: Partial<SeverityBand>) =>
  defaultSeverityBands.map((band, i) => (i === index ? { ...band, ...change } : { ...band }));

/** Valid band sets: three cut points on the tenths grid split 0.1-10.0 into four rising bands. */
const validBands = fc
  .uniqueArray(fc.integer({ min: 2, max: 100 }), { minLength: 3, maxLength: 3 })
  .map((cuts) => cuts.sort((a, b) => a - b))
  .chain((cuts) => {
    const starts = [1, ...cuts];
    const bands = (['low', 'medium', 'high', 'critical'] as const).map((severity, i) => ({
      severity,
      min: (starts[i] ?? 1) / 10,
      max: ((starts[i + 1] ?? 101) - 1) / 10,
      policy: `${severity} policy`,
    }));
    return fc.shuffledSubarray(bands, { minLength: 4, maxLength: 4 });
  });

describe('default severity bands', () => {
  it('map the CVSS ranges to GenomeWell policies', () => {
    expect(defaultSeverityBands.map(({ severity, min, max }) => [severity, min, max])).toEqual([
      ['critical', 9.0, 10.0],
      ['high', 7.0, 8.9],
      ['medium', 4.0, 6.9],
      ['low', 0.1, 3.9],
    ]);
    expect(bandForSeverity('critical')?.policy).toBe(
      'Fix immediately or formally accept with executive sign-off',
    );
  });

  it('pass their own validation unchanged', () => {
    expect(validateSeverityBands(defaultSeverityBands)).toEqual(defaultSeverityBands);
  });
});

describe('validateSeverityBands', () => {
  it('accepts bands in any order and returns them from most to least severe', () => {
    const shuffled = [...defaultSeverityBands].reverse();
    expect(validateSeverityBands(shuffled).map((band) => band.severity)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
    ]);
  });

  it('rejects something that is not a list', () => {
    expect(rejection({ critical: 9 })).toEqual({
      field: 'bands',
      expected: 'a list of four severity bands',
    });
  });

  it('rejects a band whose min is not a score, naming the band and field', () => {
    expect(rejection(withBand(1, { min: '7' as unknown as number }))).toEqual({
      field: 'bands[1].min',
      expected: 'a score from 0.1 to 10.0 with one decimal',
    });
  });

  it('rejects a boundary with more than one decimal, since scores have one', () => {
    expect(rejection(withBand(1, { min: 6.95 })).field).toBe('bands[1].min');
  });

  it('rejects an unknown severity word', () => {
    expect(rejection(withBand(0, { severity: 'severe' as SeverityBand['severity'] }))).toEqual({
      field: 'bands[0].severity',
      expected: 'one of low, medium, high, critical',
    });
  });

  it('rejects an empty policy, since every band must say what to do', () => {
    expect(rejection(withBand(2, { policy: '  ' }))).toEqual({
      field: 'bands[2].policy',
      expected: 'a non-empty policy text',
    });
  });

  it('rejects a severity given twice', () => {
    expect(rejection(withBand(1, { severity: 'critical' })).field).toBe('bands[1].severity');
  });

  it('rejects a missing severity', () => {
    const threeBands = defaultSeverityBands.slice(0, 3);
    expect(rejection(threeBands)).toEqual({
      field: 'bands',
      expected: 'a band for each of low, medium, high, critical (low is missing)',
    });
  });

  it('rejects a band whose max is below its min', () => {
    expect(rejection(withBand(1, { min: 8.9, max: 7.0 })).field).toBe('bands[1].max');
  });

  it('rejects overlapping bands', () => {
    const result = rejection(withBand(1, { min: 6.5 }));
    expect(result.field).toBe('bands[1].min');
    expect(result.expected).toContain('must not overlap');
  });

  it('rejects a gap between bands', () => {
    const result = rejection(withBand(1, { min: 7.5 }));
    expect(result).toEqual({
      field: 'bands[1].min',
      expected: "7, right after medium's max (6.9), so bands leave no gap",
    });
  });

  it('rejects bands that do not start at 0.1', () => {
    expect(rejection(withBand(3, { min: 1.0 })).field).toBe('bands[3].min');
  });

  it('rejects bands that do not reach 10.0', () => {
    expect(rejection(withBand(0, { max: 9.9 })).field).toBe('bands[0].max');
  });

  it('accepts any four contiguous rising bands covering 0.1-10.0', () => {
    fc.assert(
      fc.property(validBands, (bands) => {
        expect(validateSeverityBands(bands)).toHaveLength(4);
      }),
    );
  });
});

describe('bandFor', () => {
  it('gives no band for a score of 0', () => {
    expect(bandFor(0)).toBeNull();
    expect(severityFor(0)).toBe('none');
  });

  it('includes both edges of a band', () => {
    expect(bandFor(7.0)?.severity).toBe('high');
    expect(bandFor(8.9)?.severity).toBe('high');
    expect(bandFor(9.0)?.severity).toBe('critical');
    expect(bandFor(10)?.severity).toBe('critical');
    expect(bandFor(0.1)?.severity).toBe('low');
  });

  it('puts a score between two band edges in the lower band', () => {
    expect(bandFor(6.95)?.severity).toBe('medium');
  });

  it('puts any positive score below 0.1 in the lowest band', () => {
    expect(bandFor(0.04)?.severity).toBe('low');
  });

  it('rejects a score outside 0-10', () => {
    expect(() => bandFor(10.1)).toThrow(ScoringValidationError);
    expect(() => bandFor(-0.1)).toThrow(ScoringValidationError);
    expect(() => bandFor(Number.NaN)).toThrow(ScoringValidationError);
  });

  it('finds for every one-decimal score the one band whose range contains it', () => {
    fc.assert(
      fc.property(validBands, fc.integer({ min: 1, max: 100 }), (bands, tenths) => {
        const score = tenths / 10;
        const containing = bands.filter((band) => band.min <= score && score <= band.max);
        expect(containing).toHaveLength(1);
        expect(bandFor(score, bands)).toBe(containing[0]);
      }),
    );
  });

  it('never gives a less severe band to a higher score', () => {
    fc.assert(
      fc.property(
        validBands,
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (bands, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(severityRank(severityFor(low, bands))).toBeLessThanOrEqual(
            severityRank(severityFor(high, bands)),
          );
        },
      ),
    );
  });
});
