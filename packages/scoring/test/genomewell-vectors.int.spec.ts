import { describe, expect, it } from 'vitest';
import { scoreCvss } from '../src/index.js';
import { readGenomeWell } from './fixtures/fixture-files.js';

interface FixtureThreat {
  ref: number;
  score?: { cvss?: string; statedScore?: number; statedSeverity?: string };
}

const threats = (JSON.parse(readGenomeWell()) as { threats: FixtureThreat[] }).threats;
const vectorOf = (ref: number) => threats.find((threat) => threat.ref === ref)?.score?.cvss ?? '';

describe('GenomeWell threat vectors', () => {
  it('all parse and score', () => {
    const vectors = threats.flatMap((threat) =>
      threat.score?.cvss === undefined ? [] : [threat.score.cvss],
    );
    expect(vectors.length).toBeGreaterThan(0);
    for (const vector of vectors) expect(scoreCvss(vector).overallScore).toBeGreaterThan(0);
  });

  it('threat 10 scores 7.5 high, as stated', () => {
    expect(scoreCvss(vectorOf(10))).toMatchObject({ overallScore: 7.5, severity: 'high' });
  });

  it('threat 22 scores 10.0 critical, so its stated 9.1 disagrees with its vector', () => {
    expect(scoreCvss(vectorOf(22))).toMatchObject({ overallScore: 10, severity: 'critical' });
  });

  it('threat 31 scores 8.1 high, so its stated 8.8 disagrees with its vector (UI:R, A:N)', () => {
    expect(scoreCvss(vectorOf(31))).toMatchObject({ overallScore: 8.1, severity: 'high' });
  });
});
