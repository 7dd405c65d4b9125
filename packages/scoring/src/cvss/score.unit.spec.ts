import { describe, expect, it } from 'vitest';
import { scoreCvss, tryScoreCvss } from './score.js';

describe('scoreCvss', () => {
  it('scores a 3.1 base vector with base score and severity only', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      baseScore: 9.8,
      baseSeverity: 'critical',
      temporalScore: null,
      threatScore: null,
      environmentalScore: null,
      overallScore: 9.8,
      severity: 'critical',
    });
  });

  it('takes the temporal score as overall when temporal metrics are present', () => {
    const score = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R');
    expect(score).toMatchObject({
      baseScore: 9.8,
      temporalScore: 8.2,
      environmentalScore: null,
      overallScore: 8.2,
    });
    expect(score.severity).toBe('high');
  });

  it('takes the environmental score as overall when environmental metrics are present', () => {
    const score = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/MAV:L');
    expect(score).toMatchObject({
      temporalScore: 8.2,
      environmentalScore: 7.0,
      overallScore: 7.0,
      severity: 'high',
    });
  });

  it('scores a 3.0 vector with the 3.0 formulas', () => {
    expect(scoreCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({
      version: '3.0',
      baseScore: 9.8,
    });
  });

  it('reports the 4.0 base score as CVSS-B and the threat score as CVSS-BT', () => {
    const score = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U');
    expect(score).toMatchObject({
      version: '4.0',
      baseScore: 9.3,
      threatScore: 8.1,
      temporalScore: null,
    });
    expect(score).toMatchObject({
      environmentalScore: null,
      overallScore: 8.1,
      baseSeverity: 'critical',
      severity: 'high',
    });
  });

  it('reports the 4.0 environmental score over all metrics present (CVSS-BTE) and the threat score without them', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L';
    const full = scoreCvss(`${base}/E:U/CR:H/MAV:P`);
    expect(full.baseScore).toBe(scoreCvss(base).baseScore);
    expect(full.threatScore).toBe(scoreCvss(`${base}/E:U`).overallScore);
    expect(full.environmentalScore).not.toBeNull();
    expect(full.overallScore).toBe(full.environmentalScore);
    expect(full.environmentalScore).not.toBe(scoreCvss(`${base}/CR:H/MAV:P`).overallScore);
  });

  it('ignores 4.0 supplemental metrics in the score but keeps them in the vector', () => {
    const plain = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    const supplemented = scoreCvss(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/U:Red',
    );
    expect(supplemented.overallScore).toBe(plain.overallScore);
    expect(supplemented.vector).toMatch(/\/S:P\/U:Red$/);
  });

  it('rates a vector with no impact as none', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({
      overallScore: 0,
      severity: 'none',
    });
  });

  it('returns equal but separate results for the same vector, so callers cannot corrupt each other', () => {
    const first = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    first.baseScore = 0;
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').baseScore).toBe(9.8);
  });
});

describe('tryScoreCvss', () => {
  it('returns the score of a valid vector', () => {
    const result = tryScoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(result.ok && result.score.baseScore).toBe(9.8);
  });

  it('returns the vector error instead of throwing it', () => {
    const result = tryScoreCvss('CVSS:3.1/AV:Q');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe("AV: got 'Q', expected one of N, A, L, P");
  });
});
