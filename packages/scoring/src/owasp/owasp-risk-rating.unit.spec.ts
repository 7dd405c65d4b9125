import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringValidationError } from '../errors.js';
import { severityRank } from '../severity.js';
import { type OwaspFactors, owaspRiskRating } from './owasp-risk-rating.js';

// The worked example of the OWASP Risk Rating Methodology page.
const methodologyExample: OwaspFactors = {
  threatAgent: { skillLevel: 5, motive: 2, opportunity: 7, size: 1 },
  vulnerability: { easeOfDiscovery: 3, easeOfExploit: 6, awareness: 9, intrusionDetection: 2 },
  technicalImpact: {
    lossOfConfidentiality: 9,
    lossOfIntegrity: 7,
    lossOfAvailability: 5,
    lossOfAccountability: 8,
  },
  businessImpact: {
    financialDamage: 1,
    reputationDamage: 2,
    nonCompliance: 1,
    privacyViolation: 5,
  },
};

const uniform = (likelihood: number, impact: number): OwaspFactors => ({
  threatAgent: {
    skillLevel: likelihood,
    motive: likelihood,
    opportunity: likelihood,
    size: likelihood,
  },
  vulnerability: {
    easeOfDiscovery: likelihood,
    easeOfExploit: likelihood,
    awareness: likelihood,
    intrusionDetection: likelihood,
  },
  technicalImpact: {
    lossOfConfidentiality: impact,
    lossOfIntegrity: impact,
    lossOfAvailability: impact,
    lossOfAccountability: impact,
  },
});

function rejection(factors: unknown): { field: string; expected: string } {
  try {
    owaspRiskRating(factors as OwaspFactors);
  } catch (error) {
    if (error instanceof ScoringValidationError)
      return { field: error.field, expected: error.expected };
    throw error;
  }
  throw new Error('expected the factors to be rejected');
}

const factor = fc.integer({ min: 0, max: 9 });
const factors: fc.Arbitrary<OwaspFactors> = fc.record({
  threatAgent: fc.record({ skillLevel: factor, motive: factor, opportunity: factor, size: factor }),
  vulnerability: fc.record({
    easeOfDiscovery: factor,
    easeOfExploit: factor,
    awareness: factor,
    intrusionDetection: factor,
  }),
  technicalImpact: fc.record({
    lossOfConfidentiality: factor,
    lossOfIntegrity: factor,
    lossOfAvailability: factor,
    lossOfAccountability: factor,
  }),
  businessImpact: fc.option(
    fc.record({
      financialDamage: factor,
      reputationDamage: factor,
      nonCompliance: factor,
      privacyViolation: factor,
    }),
    { nil: undefined },
  ),
});

describe('owaspRiskRating', () => {
  it('rates the methodology example low, because its business impact is low', () => {
    expect(owaspRiskRating(methodologyExample)).toEqual({
      likelihoodScore: 4.375,
      likelihood: 'medium',
      impactScore: 2.25,
      impact: 'low',
      impactBasis: 'business',
      owaspSeverity: 'low',
      severity: 'low',
    });
  });

  it('rates the methodology example high from its technical impact alone', () => {
    const { businessImpact: _ignored, ...technicalOnly } = methodologyExample;
    expect(owaspRiskRating(technicalOnly)).toMatchObject({
      impactScore: 7.25,
      impact: 'high',
      impactBasis: 'technical',
      severity: 'high',
    });
  });

  it.each([
    [1, 1, 'note'],
    [4, 1, 'low'],
    [7, 1, 'medium'],
    [1, 4, 'low'],
    [4, 4, 'medium'],
    [7, 4, 'high'],
    [1, 7, 'medium'],
    [4, 7, 'high'],
    [7, 7, 'critical'],
  ] as const)(
    'with likelihood %i and impact %i gives %s, as in the overall severity table',
    (likelihood, impact, expected) => {
      expect(owaspRiskRating(uniform(likelihood, impact)).owaspSeverity).toBe(expected);
    },
  );

  it('puts the level edges at 3 and 6: below 3 low, 3 to below 6 medium, 6 and up high', () => {
    expect([2, 3, 5, 6, 9].map((score) => owaspRiskRating(uniform(score, 0)).likelihood)).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  it("maps OWASP's 'note' to our 'none' and keeps the OWASP word", () => {
    expect(owaspRiskRating(uniform(0, 0))).toMatchObject({
      owaspSeverity: 'note',
      severity: 'none',
    });
  });

  it('rejects a factor above 9, naming it', () => {
    const tooHigh = {
      ...methodologyExample,
      threatAgent: { ...methodologyExample.threatAgent, motive: 10 },
    };
    expect(rejection(tooHigh)).toEqual({
      field: 'factors.threatAgent.motive',
      expected: 'an integer from 0 to 9',
    });
  });

  it('rejects a fractional factor', () => {
    const fractional = {
      ...methodologyExample,
      vulnerability: { ...methodologyExample.vulnerability, awareness: 4.5 },
    };
    expect(rejection(fractional).field).toBe('factors.vulnerability.awareness');
  });

  it('rejects a missing factor, naming it', () => {
    const { size: _size, ...withoutSize } = methodologyExample.threatAgent;
    expect(rejection({ ...methodologyExample, threatAgent: withoutSize }).field).toBe(
      'factors.threatAgent.size',
    );
  });

  it('rejects a misspelt factor instead of ignoring it', () => {
    const misspelt = {
      ...methodologyExample,
      technicalImpact: { ...methodologyExample.technicalImpact, lossOfIntegrety: 3 },
    };
    expect(rejection(misspelt).field).toBe('factors.technicalImpact');
  });

  it('keeps the likelihood and impact averages within 0-9', () => {
    fc.assert(
      fc.property(factors, (input) => {
        const rating = owaspRiskRating(input);
        for (const score of [rating.likelihoodScore, rating.impactScore]) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(9);
        }
      }),
    );
  });

  it('never lowers the severity when a likelihood factor rises', () => {
    fc.assert(
      fc.property(
        factors,
        fc.constantFrom('skillLevel', 'motive', 'opportunity', 'size' as const),
        (input, name) => {
          const raised = { ...input, threatAgent: { ...input.threatAgent, [name]: 9 } };
          expect(severityRank(owaspRiskRating(raised).severity)).toBeGreaterThanOrEqual(
            severityRank(owaspRiskRating(input).severity),
          );
        },
      ),
    );
  });
});
