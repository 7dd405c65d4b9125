import calculator from 'ae-cvss-calculator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cvssGrammar } from './grammar.js';
import { scoreCvss } from './score.js';

// scoreCvss scores CVSS 4.0 sub-vectors (B, BT, everything) itself so that each
// can be reused; the library's own calculateScores() is the reference for them.
const vector40 = fc
  .tuple(
    ...cvssGrammar('4.0').map(({ metric, group, values }) => {
      const component = fc
        .constantFrom(...values.filter((value) => value !== 'X'))
        .map((value) => `${metric}:${value}`);
      return group === 'base' ? component : fc.option(component, { nil: undefined, freq: 3 });
    }),
  )
  .map((components) =>
    ['CVSS:4.0', ...components.filter((c): c is string => c !== undefined)].join('/'),
  );

describe('CVSS 4.0 score decomposition', () => {
  it('agrees with the calculator on the base, threat and overall scores of any vector', () => {
    fc.assert(
      fc.property(vector40, (vector) => {
        const reference = new calculator.Cvss4P0(vector).calculateScores();
        const ours = scoreCvss(vector);
        expect(ours.baseScore).toBe(reference.baseMetricsOnly);
        expect(ours.threatScore).toBe(reference.threat ?? null);
        expect(ours.overallScore).toBe(reference.overall);
        expect(ours.environmentalScore).toBe(
          reference.environmental === undefined ? null : reference.overall,
        );
      }),
      { numRuns: 300 },
    );
  });
});
