import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringValidationError } from '../errors.js';
import {
  aggregateRisk,
  aggregateSystemRisk,
  compareAggregateRisk,
  rankByRisk,
  riskPoints,
} from './aggregate-risk.js';

const score = fc.integer({ min: 0, max: 100 }).map((tenths) => tenths / 10);
const scores = fc.array(score, { maxLength: 60 });

describe('riskPoints', () => {
  it('gives 1000 points to a 10.0 and halves them for each point less', () => {
    expect([10, 9, 8, 7, 5, 2].map(riskPoints)).toEqual([1000, 500, 250, 125, 31, 4]);
  });

  it('gives no points to a score of 0', () => {
    expect(riskPoints(0)).toBe(0);
  });
});

describe('aggregateRisk', () => {
  it('sums points and reports the peak, the count and the severity mix', () => {
    expect(aggregateRisk([9.8, 7.5, 4.0, 0])).toEqual({
      riskPoints: 871 + 177 + 16 + 0,
      peakScore: 9.8,
      threatCount: 4,
      bySeverity: { none: 1, low: 0, medium: 1, high: 1, critical: 1 },
      severity: 'critical',
    });
  });

  it('is zero for a model without threats', () => {
    expect(aggregateRisk([])).toMatchObject({
      riskPoints: 0,
      peakScore: 0,
      threatCount: 0,
      severity: 'none',
    });
  });

  it('rejects a score outside 0-10, naming its position', () => {
    expect(() => aggregateRisk([5, 12])).toThrow(expect.objectContaining({ field: 'scores[1]' }));
    expect(() => aggregateRisk([Number.NaN])).toThrow(ScoringValidationError);
  });

  it('does not depend on the order of the threats', () => {
    fc.assert(
      fc.property(scores, (list) => {
        expect(aggregateRisk([...list].reverse())).toEqual(aggregateRisk(list));
      }),
    );
  });

  it('never falls when a threat is added', () => {
    fc.assert(
      fc.property(scores, score, (list, extra) => {
        const before = aggregateRisk(list);
        const after = aggregateRisk([...list, extra]);
        expect(after.riskPoints).toBeGreaterThanOrEqual(before.riskPoints);
        expect(after.peakScore).toBeGreaterThanOrEqual(before.peakScore);
        expect(compareAggregateRisk(after, before)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('never falls when a score is raised', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1 }), fc.nat(), score, (list, at, raise) => {
        const index = at % list.length;
        const raised = list.map((value, i) => (i === index ? Math.min(10, value + raise) : value));
        expect(aggregateRisk(raised).riskPoints).toBeGreaterThanOrEqual(
          aggregateRisk(list).riskPoints,
        );
        expect(
          compareAggregateRisk(aggregateRisk(raised), aggregateRisk(list)),
        ).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('aggregateSystemRisk', () => {
  it('equals aggregating all threats of all its models at once', () => {
    fc.assert(
      fc.property(fc.array(scores, { maxLength: 6 }), (models) => {
        expect(aggregateSystemRisk(models.map((model) => aggregateRisk(model)))).toEqual(
          aggregateRisk(models.flat()),
        );
      }),
    );
  });

  it('does not depend on the order of the models', () => {
    fc.assert(
      fc.property(fc.array(scores, { maxLength: 6 }), (models) => {
        const aggregates = models.map((model) => aggregateRisk(model));
        expect(aggregateSystemRisk([...aggregates].reverse())).toEqual(
          aggregateSystemRisk(aggregates),
        );
      }),
    );
  });
});

describe('rankByRisk', () => {
  it('ranks by points, then by the worst single threat, then by the number of threats', () => {
    const systems = [
      { name: 'many mediums', risk: aggregateRisk([5, 5, 5]) },
      { name: 'one critical', risk: aggregateRisk([9.5]) },
      { name: 'one high', risk: aggregateRisk([7.0]) },
      { name: 'two highs', risk: aggregateRisk([7.0, 7.0]) },
      { name: 'nothing', risk: aggregateRisk([]) },
    ];
    expect(rankByRisk(systems, (s) => s.risk).map((s) => s.name)).toEqual([
      'one critical',
      'two highs',
      'one high',
      'many mediums',
      'nothing',
    ]);
  });
});
