import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringValidationError } from '../errors.js';
import { type MitigationEffect, residualRisk } from './residual-risk.js';

const score = fc.integer({ min: 0, max: 100 }).map((tenths) => tenths / 10);
const mitigation: fc.Arbitrary<MitigationEffect> = fc.record({
  effectiveness: fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom('none', 'low', 'medium', 'high', 'complete' as const),
  ),
  status: fc.constantFrom('planned', 'in_progress', 'implemented', 'verified' as const),
});

describe('residualRisk', () => {
  it('leaves the inherent score when nothing is mitigated', () => {
    expect(residualRisk(8.8, [])).toMatchObject({
      inherentScore: 8.8,
      residualScore: 8.8,
      reduction: 0,
      severity: 'high',
    });
  });

  it('applies one implemented control to the inherent score', () => {
    const result = residualRisk(9.8, [{ effectiveness: 0.5, status: 'implemented' }]);
    expect(result).toMatchObject({
      residualScore: 4.9,
      reduction: 4.9,
      mitigationsCounted: 1,
      severity: 'medium',
    });
    expect(result.band?.policy).toBe('Schedule a fix; monitor for changes');
  });

  it('applies controls one after another: two halves leave a quarter', () => {
    const halves: MitigationEffect[] = [
      { effectiveness: 'medium', status: 'verified' },
      { effectiveness: 'medium', status: 'implemented' },
    ];
    expect(residualRisk(8.0, halves).residualScore).toBe(2.0);
  });

  it('gives no credit for planned or in-progress controls by default', () => {
    const notYet: MitigationEffect[] = [
      { effectiveness: 'high', status: 'planned' },
      { effectiveness: 'high', status: 'in_progress' },
    ];
    expect(residualRisk(7.5, notYet)).toMatchObject({ residualScore: 7.5, mitigationsCounted: 0 });
  });

  it('counts planned controls when asked for the target residual risk', () => {
    expect(
      residualRisk(8.0, [{ effectiveness: 'high', status: 'planned' }], { counting: 'all' })
        .residualScore,
    ).toBe(2.0);
  });

  it('removes the risk entirely with a complete control', () => {
    expect(residualRisk(10, [{ effectiveness: 'complete', status: 'verified' }])).toMatchObject({
      residualScore: 0,
      severity: 'none',
      band: null,
    });
  });

  it('rejects an effectiveness above 1, naming the mitigation', () => {
    expect(() => residualRisk(5, [{ effectiveness: 1.5, status: 'verified' }])).toThrow(
      expect.objectContaining({ field: 'residualRisk.mitigations[0].effectiveness' }),
    );
  });

  it('rejects an inherent score outside 0-10', () => {
    expect(() => residualRisk(11, [])).toThrow(ScoringValidationError);
  });

  it('never exceeds the inherent score', () => {
    fc.assert(
      fc.property(
        score,
        fc.array(mitigation),
        fc.constantFrom('in-place', 'all' as const),
        (inherent, mitigations, counting) => {
          const { residualScore } = residualRisk(inherent, mitigations, { counting });
          expect(residualScore).toBeGreaterThanOrEqual(0);
          expect(residualScore).toBeLessThanOrEqual(inherent);
        },
      ),
    );
  });

  it('never rises when a mitigation is added', () => {
    fc.assert(
      fc.property(score, fc.array(mitigation), mitigation, (inherent, mitigations, extra) => {
        expect(residualRisk(inherent, [...mitigations, extra]).residualScore).toBeLessThanOrEqual(
          residualRisk(inherent, mitigations).residualScore,
        );
      }),
    );
  });

  it('does not depend on the order of the mitigations', () => {
    fc.assert(
      fc.property(score, fc.array(mitigation), (inherent, mitigations) => {
        expect(residualRisk(inherent, [...mitigations].reverse()).residualScore).toBe(
          residualRisk(inherent, mitigations).residualScore,
        );
      }),
    );
  });
});
