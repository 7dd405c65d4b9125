import { calculate3 } from './cvss3.js';
import { calculate4 } from './cvss40.js';
import type { ParsedCvssVector } from './parse.js';
import type { CalculatedScores } from './scores.js';

export type { CalculatedScores } from './scores.js';

// Registers repeat vectors (one per threat class, many findings sharing a base
// vector), so each normalised vector is scored once. Bounded so that a stream of
// distinct vectors cannot grow memory without limit.
const cacheLimit = 50_000;
const cache = new Map<string, CalculatedScores>();

/**
 * Scores a vector that has already passed our grammar (so every base metric is
 * set and every value is known to the library), with the library's tables and
 * formulas fed from our parsed metrics. `normalisedVector` is its cache key.
 */
export function calculate(parsed: ParsedCvssVector, normalisedVector: string): CalculatedScores {
  const cached = cache.get(normalisedVector);
  if (cached !== undefined) return cached;
  const scores = Object.freeze(
    parsed.version === '4.0'
      ? calculate4(parsed)
      : calculate3(parsed as ParsedCvssVector & { version: '3.0' | '3.1' }),
  );
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(normalisedVector, scores);
  return scores;
}
