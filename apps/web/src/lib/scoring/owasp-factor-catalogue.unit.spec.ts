import { owaspRiskRating } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import {
  owaspDraftFromFactors,
  owaspFactorsFromDraft,
  owaspGroups,
  owaspRatingLabel,
  rateOwaspFactor,
  unratedOwaspFactors,
  type OwaspDraft,
} from './owasp-factor-catalogue.js';

function rateAll(rating: number, includeBusiness: boolean): OwaspDraft {
  let draft: OwaspDraft = {};
  for (const group of owaspGroups) {
    if (group.isOptional && !includeBusiness) continue;
    for (const factor of group.factors)
      draft = rateOwaspFactor(draft, group.key, factor.key, rating);
  }
  return draft;
}

describe('the OWASP factor catalogue', () => {
  it('lists the sixteen factors of the methodology in four groups', () => {
    expect(owaspGroups.map((group) => [group.key, group.factors.length])).toEqual([
      ['threatAgent', 4],
      ['vulnerability', 4],
      ['technicalImpact', 4],
      ['businessImpact', 4],
    ]);
  });

  it('uses the factor keys the scoring package validates', () => {
    const factors = owaspFactorsFromDraft(rateAll(5, true), true);
    expect(factors).not.toBeNull();
    expect(() => owaspRiskRating(factors as never)).not.toThrow();
  });

  it('labels a rating with the methodology’s anchor when it has one', () => {
    const skill = owaspGroups[0]?.factors[0];
    if (skill === undefined) throw new Error('no skill level factor');
    expect(owaspRatingLabel(skill, 9)).toBe('9 – Security penetration skills');
    expect(owaspRatingLabel(skill, 2)).toBe('2');
  });

  it('keeps every anchor within 0-9', () => {
    for (const group of owaspGroups) {
      for (const factor of group.factors) {
        for (const rating of Object.keys(factor.anchors).map(Number)) {
          expect(rating >= 0 && rating <= 9, `${factor.key} ${rating}`).toBe(true);
        }
      }
    }
  });
});

describe('rating factors one by one', () => {
  it('gives no factors until every factor in use is rated, and names those left', () => {
    let draft: OwaspDraft = rateAll(4, false);
    draft = rateOwaspFactor(draft, 'vulnerability', 'awareness', null);
    expect(owaspFactorsFromDraft(draft, false)).toBeNull();
    expect(unratedOwaspFactors(draft, false).map((factor) => factor.name)).toEqual(['Awareness']);
    draft = rateOwaspFactor(draft, 'vulnerability', 'awareness', 0);
    expect(owaspFactorsFromDraft(draft, false)?.vulnerability.awareness).toBe(0);
  });

  it('asks for the business impact factors only when they are rated', () => {
    const draft = rateAll(3, false);
    expect(owaspFactorsFromDraft(draft, false)?.businessImpact).toBeUndefined();
    expect(unratedOwaspFactors(draft, true)).toHaveLength(4);
  });

  it('reads a recorded rating back into a draft', () => {
    const factors = owaspFactorsFromDraft(rateAll(7, true), true);
    if (factors === null) throw new Error('incomplete');
    expect(owaspFactorsFromDraft(owaspDraftFromFactors(factors), true)).toEqual(factors);
  });
});
