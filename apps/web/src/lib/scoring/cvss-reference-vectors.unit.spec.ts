import { readFileSync } from 'node:fs';
import { scoreCvss } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import { selectionFromVector, vectorFromSelection } from './cvss-selection.js';

// The official reference vectors the scoring package tests itself with (see its
// test/fixtures/cvss/README.md): every one must survive parse -> build unchanged
// and score, once rebuilt, exactly what was published for it.
const fixtures = new URL('../../../../../packages/scoring/test/fixtures/cvss/', import.meta.url);

function referenceLines(file: string): { vector: string; published: number }[] {
  return readFileSync(new URL(file, fixtures), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^(\S+) - \(([\d.]+)[,)]/.exec(line);
      if (match === null) throw new Error(`unreadable reference line: ${line}`);
      return { vector: match[1] ?? '', published: Number(match[2]) };
    });
}

function roundTripMismatches(lines: { vector: string; published: number }[]): string[] {
  const mismatches: string[] = [];
  for (const { vector, published } of lines) {
    const reading = selectionFromVector(vector);
    if (!reading.ok) {
      mismatches.push(`${vector}: ${reading.error.message}`);
      continue;
    }
    const rebuilt = vectorFromSelection(reading.selection);
    const expected = scoreCvss(vector);
    const actual = rebuilt === null ? null : scoreCvss(rebuilt);
    if (
      rebuilt !== expected.vector ||
      actual?.baseScore !== published ||
      actual.overallScore !== expected.overallScore
    ) {
      mismatches.push(
        `${vector} -> ${rebuilt ?? 'no vector'} scored ${actual?.baseScore ?? '-'}, published ${published}`,
      );
    }
  }
  return mismatches;
}

describe('CVSS reference vectors through the builder', () => {
  it('rebuilds all 2592 CVSS 3.1 reference vectors and scores each as published', () => {
    const lines = referenceLines('cvss31-vectors.txt');
    expect(lines).toHaveLength(2592);
    expect(roundTripMismatches(lines)).toEqual([]);
  });

  it('rebuilds all 1058 CVSS 4.0 reference vectors and scores each as published', () => {
    const lines = referenceLines('cvss40-vectors.txt');
    expect(lines).toHaveLength(1058);
    expect(roundTripMismatches(lines)).toEqual([]);
  });
});
