import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CvssVersion, cvssGrammar, cvssVersions } from './grammar.js';
import { formatCvssVector, parseCvssVector } from './parse.js';
import { scoreCvss, tryScoreCvss } from './score.js';
import { CvssVectorError } from './vector-error.js';

/** Components of a vector drawn from the grammar: every base metric, any optional ones. */
function componentsOf(version: CvssVersion): fc.Arbitrary<string[]> {
  const perMetric = cvssGrammar(version).map(({ metric, group, values }) => {
    const component = fc.constantFrom(...values).map((value) => `${metric}:${value}`);
    return group === 'base' ? component : fc.option(component, { nil: undefined });
  });
  return fc
    .tuple(...perMetric)
    .map((components) => components.filter((c): c is string => c !== undefined));
}

/** A vector in the specification's order. */
const orderedVector = fc
  .constantFrom(...cvssVersions)
  .chain((version) =>
    componentsOf(version).map((components) => [`CVSS:${version}`, ...components].join('/')),
  );

/** The same kind of vector with its metrics shuffled, which the grammar also allows. */
const shuffledVector = fc.constantFrom(...cvssVersions).chain((version) =>
  componentsOf(version)
    .chain((components) =>
      fc.shuffledSubarray(components, {
        minLength: components.length,
        maxLength: components.length,
      }),
    )
    .map((components) => [`CVSS:${version}`, ...components].join('/')),
);

const oneDecimal = (score: number) => Math.round(score * 10) / 10 === score;

describe('CVSS properties', () => {
  it('a vector generated from the grammar always parses and every score lies in [0, 10] with one decimal', () => {
    fc.assert(
      fc.property(shuffledVector, (vector) => {
        const score = scoreCvss(vector);
        const figures = [
          score.baseScore,
          score.temporalScore,
          score.threatScore,
          score.environmentalScore,
          score.overallScore,
        ];
        for (const figure of figures.filter((f): f is number => f !== null)) {
          expect(figure).toBeGreaterThanOrEqual(0);
          expect(figure).toBeLessThanOrEqual(10);
          expect(oneDecimal(figure)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-serialising a parsed vector gives a vector that parses to the same metrics', () => {
    fc.assert(
      fc.property(shuffledVector, (vector) => {
        const parsed = parseCvssVector(vector);
        const again = parseCvssVector(formatCvssVector(parsed));
        expect(again.version).toBe(parsed.version);
        expect([...again.metrics]).toEqual([...parsed.metrics]);
      }),
      { numRuns: 300 },
    );
  });

  it('a vector in specification order without Not Defined metrics is its own normal form', () => {
    const canonical = orderedVector.filter((vector) => !vector.includes(':X'));
    fc.assert(
      fc.property(canonical, (vector) => {
        expect(formatCvssVector(parseCvssVector(vector))).toBe(vector);
      }),
      { numRuns: 300 },
    );
  });

  it('the order of metrics never changes the score', () => {
    fc.assert(
      fc.property(shuffledVector, (vector) => {
        expect(scoreCvss(vector)).toEqual(scoreCvss(scoreCvss(vector).vector));
      }),
      { numRuns: 200 },
    );
  });

  it('severity follows the specification ranges: 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10 critical', () => {
    const ranges = [
      { severity: 'none', min: 0, max: 0 },
      { severity: 'low', min: 0.1, max: 3.9 },
      { severity: 'medium', min: 4.0, max: 6.9 },
      { severity: 'high', min: 7.0, max: 8.9 },
      { severity: 'critical', min: 9.0, max: 10 },
    ];
    fc.assert(
      fc.property(shuffledVector, (vector) => {
        const score = scoreCvss(vector);
        for (const [figure, severity] of [
          [score.overallScore, score.severity],
          [score.baseScore, score.baseSeverity],
        ] as const) {
          const range = ranges.find((r) => r.severity === severity);
          expect(range && figure >= range.min && figure <= range.max).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('overall is the environmental score when present, else temporal or threat, else base', () => {
    fc.assert(
      fc.property(shuffledVector, (vector) => {
        const s = scoreCvss(vector);
        expect(s.overallScore).toBe(
          s.environmentalScore ?? s.temporalScore ?? s.threatScore ?? s.baseScore,
        );
        if (s.version === '4.0') expect(s.temporalScore).toBeNull();
        else expect(s.threatScore).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('any string either scores or fails with a CvssVectorError, never anything else', () => {
    const fragments = fc.constantFrom(
      'CVSS:3.1',
      'CVSS:4.0',
      'AV:N',
      'AV:X',
      'S:C',
      'E:A',
      'MSI:S',
      'U:Red',
      'FOO:1',
      ':',
      '',
      'AV',
    );
    const noisy = fc.oneof(
      fc.string(),
      fc.array(fragments, { maxLength: 20 }).map((parts) => parts.join('/')),
      shuffledVector.chain((vector) =>
        fc.nat({ max: vector.length }).map((cut) => vector.slice(0, cut)),
      ),
    );
    fc.assert(
      fc.property(noisy, (input) => {
        const result = tryScoreCvss(input);
        if (!result.ok) expect(result.error).toBeInstanceOf(CvssVectorError);
      }),
      { numRuns: 1000 },
    );
  });

  it('a single invalid value is reported with its metric and value', () => {
    const withBadValue = fc.constantFrom(...cvssVersions).chain((version) =>
      componentsOf(version).chain((components) =>
        fc.nat({ max: components.length - 1 }).map((index) => {
          const [metric = ''] = (components[index] ?? '').split(':');
          const broken = components.map((c, i) => (i === index ? `${metric}:Q` : c));
          return { vector: [`CVSS:${version}`, ...broken].join('/'), metric };
        }),
      ),
    );
    fc.assert(
      fc.property(withBadValue, ({ vector, metric }) => {
        const result = tryScoreCvss(vector);
        expect(
          !result.ok && [result.error.problem, result.error.field, result.error.value],
        ).toEqual(['invalid-value', metric, 'Q']);
      }),
      { numRuns: 300 },
    );
  });
});
