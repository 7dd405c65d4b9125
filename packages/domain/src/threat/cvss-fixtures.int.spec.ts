import { describe, expect, it } from 'vitest';
import { decide, type DomainEvent, type ThreatScored } from '../index.js';
import { editor, given, smallModelHistory } from '../../test/support/scenario.js';
import { readCvssReferenceVectors } from '../../test/support/fixture-files.js';

/** Lines look like `VECTOR - (base, temporal, environmental)` (3.1) or `VECTOR - (score,)` (4.0). */
function parseVectors(name: string): Array<{ vector: string; expected: number }> {
  return readCvssReferenceVectors(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [vector, scores] = line.split(' - ');
      const figures = (scores ?? '')
        .replace(/[()\s]/g, '')
        .split(',')
        .filter((s) => s !== '')
        .map(Number);
      // Fixture vectors carry base metrics only, so the model's score is the base score (the
      // first figure). The 3.1 file's environmental figure can differ by 0.1 for scope-changed
      // vectors because the spec's environmental formula rounds differently; it applies only
      // when environmental metrics are given.
      return { vector: vector ?? '', expected: figures[0] ?? Number.NaN };
    });
}

function scoredValue(events: DomainEvent[]): number | null {
  const scored = events[0] as ThreatScored | undefined;
  return scored?.data.score.score ?? null;
}

describe.each([['cvss31-vectors.txt'], ['cvss40-vectors.txt']])(
  'scoring threats with every vector of %s',
  (file) => {
    const vectors = parseVectors(file);

    it('reads the fixture', () => {
      expect(vectors.length).toBeGreaterThan(1000);
    });

    it('records the official score for every vector', () => {
      const state = given(smallModelHistory());
      const mismatches: string[] = [];
      for (const { vector, expected } of vectors) {
        const result = decide(
          { type: 'ScoreThreat', threatId: 'threat-1', method: { method: 'cvss', vector } },
          state,
          editor,
        );
        const actual = result.ok ? scoredValue(result.events) : null;
        if (actual !== expected)
          mismatches.push(
            `${vector}: expected ${expected}, got ${result.ok ? actual : result.error.message}`,
          );
      }
      expect(mismatches).toEqual([]);
    });
  },
);
