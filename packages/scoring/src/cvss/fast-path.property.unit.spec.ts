import calculator from 'ae-cvss-calculator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CvssVersion, cvssGrammar } from './grammar.js';
import { scoreCvss } from './score.js';

// scoreCvss feeds the library's formulas and tables from our parsed metrics,
// with per-macro-vector data computed once and scores cached on the effective
// metrics. The library's plain path (parse the string, calculateScores()) is the
// reference it has to equal on every vector, whatever is cached by then.

/**
 * Vectors drawn from the grammar with every optional metric present at
 * `optionalFrequency` (1 in n absent), including explicit Not Defined ('X')
 * values; base values may appear in any order the grammar lists them.
 */
function vectorOf(version: CvssVersion, absentOneIn: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      ...cvssGrammar(version).map(({ metric, group, values }) => {
        const component = fc.constantFrom(...values).map((value) => `${metric}:${value}`);
        return group === 'base'
          ? component
          : fc.option(component, { nil: undefined, freq: absentOneIn });
      }),
    )
    .map((components) =>
      [`CVSS:${version}`, ...components.filter((c): c is string => c !== undefined)].join('/'),
    );
}

const runs = { numRuns: 2000 };

describe('fast CVSS scoring agrees with the library scoring the vector string', () => {
  it.each(['3.0', '3.1'] as const)(
    'gives the base, temporal and environmental scores of any CVSS %s vector',
    (version) => {
      const Library = version === '3.0' ? calculator.Cvss3P0 : calculator.Cvss3P1;
      fc.assert(
        fc.property(fc.oneof(vectorOf(version, 2), vectorOf(version, 6)), (vector) => {
          const reference = new Library(vector).calculateScores();
          const ours = scoreCvss(vector);
          expect([ours.baseScore, ours.temporalScore, ours.environmentalScore]).toEqual([
            reference.base,
            reference.temporal ?? null,
            reference.environmental ?? null,
          ]);
        }),
        runs,
      );
    },
  );

  it('gives the CVSS-B, CVSS-BT and overall scores of any CVSS 4.0 vector with threat and environmental metrics', () => {
    // Mostly-present optional metrics (1 in 6 absent) exercise modified metrics
    // overriding base ones, E and the security requirements; sparse ones (1 in 2)
    // exercise the defaults.
    fc.assert(
      fc.property(fc.oneof(vectorOf('4.0', 2), vectorOf('4.0', 6)), (vector) => {
        const reference = new calculator.Cvss4P0(vector).calculateScores();
        const ours = scoreCvss(vector);
        expect([ours.baseScore, ours.threatScore, ours.overallScore]).toEqual([
          reference.baseMetricsOnly,
          reference.threat ?? null,
          reference.overall,
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('scores vectors that differ only in a modified metric restating the base value alike, as the library does', () => {
    const restated = vectorOf('4.0', 3).map((vector) => {
      const av = /AV:([NALP])/.exec(vector)?.[1] ?? 'N';
      const withoutMav = vector.replace(/\/MAV:[NALPX]/, '');
      return { withoutMav, withMav: `${withoutMav}/MAV:${av}` };
    });
    fc.assert(
      fc.property(restated, ({ withoutMav, withMav }) => {
        expect(scoreCvss(withMav).overallScore).toBe(
          new calculator.Cvss4P0(withMav).calculateScores().overall,
        );
        expect(scoreCvss(withMav).overallScore).toBe(scoreCvss(withoutMav).overallScore);
      }),
      { numRuns: 500 },
    );
  });
});
