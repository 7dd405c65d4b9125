import { describe, expect, it } from 'vitest';
import { scoreCvss } from '../src/index.js';
import { readCvssReferenceVectors } from './fixtures/fixture-files.js';

// Reference vectors with the scores published for them. For CVSS 3.1 each line
// is `VECTOR - (base, temporal, environmental)`, the temporal and environmental
// figures being those of the vector with every temporal / environmental metric
// Not Defined. Our API reports null for a group nobody stated, so the spec states
// each group with values whose weight is exactly that of Not Defined
// (E:H, RL:U, RC:C and CR:M, IR:M, AR:M all weigh 1.0 in the 3.1 formulas).
const neutralTemporal = '/E:H/RL:U/RC:C';
const neutralEnvironmental = '/CR:M/IR:M/AR:M';

function referenceLines(file: string): string[] {
  return readCvssReferenceVectors(file)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

describe('CVSS 3.1 reference vectors', () => {
  const lines = referenceLines('cvss31-vectors.txt');

  it('reads all 2592 reference vectors', () => {
    expect(lines).toHaveLength(2592);
  });

  it('scores every reference vector to its published base, temporal and environmental scores', () => {
    const mismatches: string[] = [];
    for (const line of lines) {
      const match = /^(\S+) - \(([\d.]+), ([\d.]+), ([\d.]+)\)$/.exec(line);
      if (match === null) throw new Error(`unreadable reference line: ${line}`);
      const [, vector = '', base, temporal, environmental] = match;
      const actual = [
        scoreCvss(vector).baseScore,
        scoreCvss(vector + neutralTemporal).temporalScore,
        scoreCvss(vector + neutralEnvironmental).environmentalScore,
      ];
      const expected = [Number(base), Number(temporal), Number(environmental)];
      if (actual.join() !== expected.join()) mismatches.push(`${line} -> (${actual.join(', ')})`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('CVSS 4.0 reference vectors', () => {
  const lines = referenceLines('cvss40-vectors.txt');

  it('reads all 1058 reference vectors', () => {
    expect(lines).toHaveLength(1058);
  });

  it('scores every reference vector to its published score', () => {
    const mismatches: string[] = [];
    for (const line of lines) {
      const match = /^(\S+) - \(([\d.]+),\)$/.exec(line);
      if (match === null) throw new Error(`unreadable reference line: ${line}`);
      const [, vector = '', score] = match;
      const actual = scoreCvss(vector);
      if (actual.overallScore !== Number(score) || actual.baseScore !== Number(score)) {
        mismatches.push(`${line} -> ${actual.baseScore}/${actual.overallScore}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
