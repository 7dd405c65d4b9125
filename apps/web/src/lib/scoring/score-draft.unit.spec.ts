import { defaultSettings, type ModelSettings, type ThreatScore } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { selectCvssMetric } from './cvss-selection.js';
import { rateOwaspFactor, owaspGroups, type OwaspDraft } from './owasp-factor-catalogue.js';
import {
  currentCvssSelection,
  emptyScoreDraft,
  previewScore,
  scoreDraftOf,
  type ScoreDraft,
} from './score-draft.js';

const settings = defaultSettings();
const matrixSettings: ModelSettings = {
  ...settings,
  riskMatrix: {
    name: 'Two by two',
    likelihood: ['Unlikely', 'Likely'],
    impact: ['Minor', 'Major'],
    cells: [
      ['low', 'medium'],
      ['medium', 'critical'],
    ],
  },
};

function pick(draft: ScoreDraft, vector: string): ScoreDraft {
  let selection = currentCvssSelection(draft);
  for (const part of vector.split('/')) {
    const [metric = '', value = ''] = part.split(':');
    selection = selectCvssMetric(selection, metric, value);
  }
  return { ...draft, cvss: { ...draft.cvss, [draft.cvssVersion]: selection } };
}

function rateAll(rating: number): OwaspDraft {
  let draft: OwaspDraft = {};
  for (const group of owaspGroups.filter((candidate) => !candidate.isOptional)) {
    for (const factor of group.factors)
      draft = rateOwaspFactor(draft, group.key, factor.key, rating);
  }
  return draft;
}

describe('previewScore', () => {
  it('names the base metrics still to choose, by their full names', () => {
    const draft = pick(emptyScoreDraft(), 'AV:N/AC:L/PR:N/UI:N/S:U/C:H');
    expect(previewScore(draft, settings)).toEqual({
      kind: 'incomplete',
      missing: ['Integrity Impact (I)', 'Availability Impact (A)'],
    });
  });

  it('scores a complete CVSS selection as the domain records it', () => {
    const draft = pick(emptyScoreDraft(), 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(previewScore(draft, settings)).toEqual({
      kind: 'scored',
      score: {
        method: 'cvss',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        cvssVersion: '3.1',
        score: 9.8,
        severity: 'critical',
        stated: null,
      },
    });
  });

  it('keeps each CVSS version’s metrics apart', () => {
    const draft = pick(emptyScoreDraft(), 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    const on40 = { ...draft, cvssVersion: '4.0' as const };
    expect(previewScore(on40, settings)).toMatchObject({ kind: 'incomplete' });
    expect(previewScore({ ...on40, cvssVersion: '3.1' }, settings)).toMatchObject({
      kind: 'scored',
    });
  });

  it('lists unrated OWASP factors, then rates them', () => {
    const partial = {
      ...emptyScoreDraft(),
      method: 'owasp' as const,
      owasp: { threatAgent: { skillLevel: 3 } },
    };
    const preview = previewScore(partial, settings);
    expect(preview.kind === 'incomplete' && preview.missing).toHaveLength(11);
    expect(previewScore({ ...partial, owasp: rateAll(6) }, settings)).toMatchObject({
      kind: 'scored',
      score: { method: 'owasp', likelihoodScore: 6, impactScore: 6, severity: 'critical' },
    });
  });

  it('waits for both axes of the matrix and says when the model has none', () => {
    const draft: ScoreDraft = {
      ...emptyScoreDraft(),
      method: 'matrix',
      matrix: { likelihood: 'Likely', impact: null },
    };
    expect(previewScore(draft, matrixSettings)).toEqual({
      kind: 'incomplete',
      missing: ['a likelihood and an impact'],
    });
    const chosen = { ...draft, matrix: { likelihood: 'Likely', impact: 'Major' } };
    expect(previewScore(chosen, matrixSettings)).toMatchObject({
      kind: 'scored',
      score: { severity: 'critical' },
    });
    expect(previewScore(chosen, settings)).toEqual({
      kind: 'incomplete',
      missing: ['a risk matrix in the model settings'],
    });
  });

  it('needs a stated score or severity for the stated method', () => {
    const draft: ScoreDraft = { ...emptyScoreDraft(), method: 'stated' };
    expect(previewScore(draft, settings)).toMatchObject({ kind: 'incomplete' });
    expect(
      previewScore({ ...draft, stated: { scoreText: '', severity: 'high' } }, settings),
    ).toMatchObject({
      kind: 'scored',
      score: { method: 'stated', stated: { score: null, severity: 'high' } },
    });
  });

  it('reports a stated figure that is not a number, or out of range, against the stated score', () => {
    const draft: ScoreDraft = {
      ...emptyScoreDraft(),
      method: 'stated',
      stated: { scoreText: 'high', severity: '' },
    };
    expect(previewScore(draft, settings)).toMatchObject({ kind: 'invalid', field: 'stated.score' });
    expect(
      previewScore({ ...draft, stated: { scoreText: '11', severity: '' } }, settings),
    ).toMatchObject({
      kind: 'invalid',
      field: 'stated.score',
    });
  });

  it('carries the stated score along with a computed one', () => {
    const draft = pick(
      { ...emptyScoreDraft(), stated: { scoreText: '7,5', severity: 'high' } },
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    );
    expect(previewScore(draft, settings)).toMatchObject({
      kind: 'scored',
      score: { stated: { score: 7.5, severity: 'high' } },
    });
  });
});

describe('scoreDraftOf', () => {
  const scores: ThreatScore[] = [
    {
      method: 'cvss',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U',
      cvssVersion: '4.0',
      score: 2,
      severity: 'low',
      stated: { score: 9.3, severity: null },
    },
    {
      method: 'owasp',
      factors: {
        threatAgent: { skillLevel: 1, motive: 2, opportunity: 3, size: 4 },
        vulnerability: {
          easeOfDiscovery: 5,
          easeOfExploit: 6,
          awareness: 7,
          intrusionDetection: 8,
        },
        technicalImpact: {
          lossOfConfidentiality: 9,
          lossOfIntegrity: 0,
          lossOfAvailability: 1,
          lossOfAccountability: 2,
        },
        businessImpact: {
          financialDamage: 3,
          reputationDamage: 4,
          nonCompliance: 5,
          privacyViolation: 6,
        },
      },
      likelihoodScore: 4.5,
      impactScore: 4.5,
      score: null,
      severity: 'medium',
      stated: null,
    },
    {
      method: 'matrix',
      likelihood: 'Likely',
      impact: 'Minor',
      score: null,
      severity: 'medium',
      stated: null,
    },
    { method: 'stated', score: null, severity: null, stated: { score: 3.3, severity: 'low' } },
  ];

  it.each(scores)(
    'shows a recorded $method score so that it previews as the same record',
    (score) => {
      const draft = scoreDraftOf(score);
      expect(draft.method).toBe(score.method);
      const preview = previewScore(draft, matrixSettings);
      expect(preview.kind === 'scored' && preview.score.method).toBe(score.method);
      if (preview.kind !== 'scored') return;
      // Recomputed under the same settings, so the figures match what was recorded.
      if (score.method === 'cvss' && preview.score.method === 'cvss') {
        expect(preview.score.vector).toBe(score.vector);
        expect(preview.score.stated).toEqual(score.stated);
      } else {
        expect(preview.score).toEqual(score);
      }
    },
  );

  it('keeps what was entered for other methods when a new score arrives', () => {
    const trying = {
      ...emptyScoreDraft(),
      method: 'owasp' as const,
      owasp: { threatAgent: { motive: 4 } },
    };
    const draft = scoreDraftOf(scores[2] ?? null, trying);
    expect(draft.method).toBe('matrix');
    expect(draft.owasp).toEqual({ threatAgent: { motive: 4 } });
  });

  it('starts afresh, on the same method, when the score is cleared', () => {
    const draft = scoreDraftOf(null, scoreDraftOf(scores[1] ?? null));
    expect(draft).toEqual({ ...emptyScoreDraft(), method: 'owasp' });
  });
});
