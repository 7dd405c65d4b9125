import { defaultSettings, type ModelSettings, type ThreatScore } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import {
  decideThreatScore,
  isSameScoreInput,
  isSameThreatScore,
  scoreMethodOf,
  severityOfScore,
} from './threat-score.js';

const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N';

const matrixSettings: ModelSettings = {
  ...defaultSettings(),
  riskMatrix: {
    name: 'Three by three',
    likelihood: ['Rare', 'Possible', 'Likely'],
    impact: ['Minor', 'Major', 'Severe'],
    cells: [
      ['low', 'low', 'medium'],
      ['low', 'medium', 'high'],
      ['medium', 'high', 'critical'],
    ],
  },
};

describe('decideThreatScore', () => {
  it('records a CVSS score in the normalised vector with the severity of the model’s bands', () => {
    const bands = defaultSettings().severityBands.map((band) =>
      band.severity === 'critical'
        ? { ...band, min: 9.2 }
        : band.severity === 'high'
          ? { ...band, max: 9.1 }
          : band,
    );
    const outcome = decideThreatScore(
      { method: 'cvss', vector: 'CVSS:3.1/A:N/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N' },
      null,
      { ...defaultSettings(), severityBands: bands },
    );
    expect(outcome).toEqual({
      ok: true,
      score: {
        method: 'cvss',
        vector,
        cvssVersion: '3.1',
        score: 9.1,
        severity: 'high',
        stated: null,
      },
    });
  });

  it('keeps the stated score beside the computed one', () => {
    const outcome = decideThreatScore(
      { method: 'cvss', vector },
      { score: 8.1, severity: 'high' },
      defaultSettings(),
    );
    expect(outcome.ok && outcome.score.stated).toEqual({ score: 8.1, severity: 'high' });
  });

  it('refuses a malformed vector, naming the metric as the domain does', () => {
    const outcome = decideThreatScore(
      { method: 'cvss', vector: vector.replace('AV:N', 'AV:Q') },
      null,
      defaultSettings(),
    );
    expect(outcome).toMatchObject({ ok: false, field: 'method.vector.AV' });
  });

  it('rates OWASP factors into likelihood, impact and severity', () => {
    const nine = { skillLevel: 9, motive: 9, opportunity: 9, size: 9 };
    const outcome = decideThreatScore(
      {
        method: 'owasp',
        factors: {
          threatAgent: nine,
          vulnerability: {
            easeOfDiscovery: 9,
            easeOfExploit: 9,
            awareness: 9,
            intrusionDetection: 9,
          },
          technicalImpact: {
            lossOfConfidentiality: 1,
            lossOfIntegrity: 1,
            lossOfAvailability: 1,
            lossOfAccountability: 1,
          },
        },
      },
      null,
      defaultSettings(),
    );
    expect(outcome).toMatchObject({
      ok: true,
      score: {
        method: 'owasp',
        likelihoodScore: 9,
        impactScore: 1,
        score: null,
        severity: 'medium',
      },
    });
  });

  it('assesses a cell of the model’s matrix', () => {
    const outcome = decideThreatScore(
      { method: 'matrix', likelihood: 'Likely', impact: 'Major' },
      null,
      matrixSettings,
    );
    expect(outcome).toEqual({
      ok: true,
      score: {
        method: 'matrix',
        likelihood: 'Likely',
        impact: 'Major',
        score: null,
        severity: 'high',
        stated: null,
      },
    });
  });

  it('refuses the matrix method when the model has no matrix', () => {
    const outcome = decideThreatScore(
      { method: 'matrix', likelihood: 'Likely', impact: 'Major' },
      null,
      defaultSettings(),
    );
    expect(outcome).toMatchObject({ ok: false, field: 'method' });
  });

  it('records a stated score, and refuses one with neither figure nor severity', () => {
    expect(
      decideThreatScore({ method: 'stated' }, { score: 6.5, severity: null }, defaultSettings()),
    ).toEqual({
      ok: true,
      score: {
        method: 'stated',
        score: null,
        severity: null,
        stated: { score: 6.5, severity: null },
      },
    });
    expect(decideThreatScore({ method: 'stated' }, null, defaultSettings())).toMatchObject({
      ok: false,
      field: 'stated',
    });
  });

  it('refuses a stated score outside 0-10', () => {
    expect(
      decideThreatScore({ method: 'stated' }, { score: 12, severity: null }, defaultSettings()),
    ).toMatchObject({
      ok: false,
      field: 'stated.score',
    });
  });
});

describe('severityOfScore', () => {
  it('takes the computed severity, else the stated one, else the band of the stated figure', () => {
    const stated = (score: number | null, severity: 'high' | null): ThreatScore => ({
      method: 'stated',
      score: null,
      severity: null,
      stated: { score, severity },
    });
    expect(severityOfScore(stated(2, 'high'), defaultSettings())).toBe('high');
    expect(severityOfScore(stated(9.5, null), defaultSettings())).toBe('critical');
    expect(severityOfScore(null, defaultSettings())).toBeNull();
  });
});

describe('scoreMethodOf and isSameThreatScore', () => {
  it('gives back the method that records a score again', () => {
    const outcome = decideThreatScore({ method: 'cvss', vector }, null, defaultSettings());
    if (!outcome.ok) throw new Error(outcome.message);
    expect(scoreMethodOf(outcome.score)).toEqual({ method: 'cvss', vector });
  });

  it('compares scores by content, not key order', () => {
    const a: ThreatScore = {
      method: 'matrix',
      likelihood: 'L',
      impact: 'I',
      score: null,
      severity: 'low',
      stated: null,
    };
    const b = {
      stated: null,
      severity: 'low',
      score: null,
      impact: 'I',
      likelihood: 'L',
      method: 'matrix',
    } as ThreatScore;
    expect(isSameThreatScore(a, b)).toBe(true);
    expect(isSameThreatScore(a, { ...a, impact: 'J' })).toBe(false);
    expect(isSameThreatScore(null, null)).toBe(true);
    expect(isSameThreatScore(a, null)).toBe(false);
  });
});

describe('isSameScoreInput', () => {
  it('tells a score recorded under other settings from one of other entries', () => {
    const recorded: ThreatScore = {
      method: 'cvss',
      vector,
      cvssVersion: '3.1',
      score: 9.1,
      severity: 'high',
      stated: null,
    };
    const underNewBands: ThreatScore = { ...recorded, severity: 'critical' };
    expect(isSameScoreInput(recorded, underNewBands)).toBe(true);
    expect(isSameScoreInput(recorded, { ...recorded, vector: vector.replace('A:N', 'A:L') })).toBe(
      false,
    );
    expect(isSameScoreInput(recorded, { ...recorded, stated: { score: 9, severity: null } })).toBe(
      false,
    );
  });
});
