import { CvssVectorError, scoreCvss, tryScoreCvss } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import {
  formatErrorLine,
  formatScoreHuman,
  formatScoreLine,
  scoreToJson,
  vectorErrorToJson,
} from './format-score.js';

function vectorError(vector: string): CvssVectorError {
  const result = tryScoreCvss(vector);
  if (result.ok) throw new Error(`expected ${vector} to be invalid`);
  return result.error;
}

describe('formatScoreHuman', () => {
  it('shows the base and overall score with severity words for a base-only vector', () => {
    expect(formatScoreHuman(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'))).toBe(
      [
        'CVSS 3.1  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        '  Base score           9.8  Critical',
        '  Overall score        9.8  Critical',
        '',
      ].join('\n'),
    );
  });

  it('adds the temporal and environmental rows only when the vector has them', () => {
    const block = formatScoreHuman(
      scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/MAV:L'),
    );
    expect(block).toContain('  Temporal score       8.2  High\n');
    expect(block).toContain('  Environmental score  7.0  High\n');
    expect(block).not.toContain('Threat score');
  });

  it('shows the threat row for a 4.0 vector with threat metrics', () => {
    const block = formatScoreHuman(
      scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U'),
    );
    expect(block).toContain('  Threat score         8.1  High\n');
    expect(block).not.toContain('Temporal score');
  });

  it('writes a zero score as 0.0 None', () => {
    expect(formatScoreHuman(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N'))).toContain(
      'Overall score        0.0  None',
    );
  });
});

describe('JSON output', () => {
  it('carries every field of the score under its API name', () => {
    const score = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(JSON.parse(JSON.stringify(scoreToJson(score)))).toEqual(score);
  });

  it('reports a vector error with its message, metric, value, expectation and the input', () => {
    expect(vectorErrorToJson(vectorError('CVSS:3.1/AV:Q'), 'CVSS:3.1/AV:Q')).toEqual({
      error: "AV: got 'Q', expected one of N, A, L, P",
      problem: 'invalid-value',
      field: 'AV',
      value: 'Q',
      expected: 'one of N, A, L, P',
      input: 'CVSS:3.1/AV:Q',
    });
  });
});

describe('summary lines', () => {
  it('give score, severity word and vector separated by tabs', () => {
    expect(formatScoreLine(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'))).toBe(
      '9.8\tCritical\tCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    );
  });

  it('mark an error line with the word error', () => {
    expect(formatErrorLine(vectorError('nonsense'))).toMatch(/^error\tprefix: got 'nonsense'/);
  });
});
