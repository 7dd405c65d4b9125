// Bench inputs: 10,000 vectors two ways. The reference vectors repeated (as a
// real register repeats vectors) and 10,000 distinct vectors drawn from the
// grammar with a fixed seed (the worst case: nothing can be reused).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cvssGrammar } from '@threatloom/scoring';

/** The reference vectors kept with the scoring package's tests (see their README). */
const cvssFixtures = fileURLToPath(
  new URL('../../../packages/scoring/test/fixtures/cvss/', import.meta.url),
);

/** The reference vectors (3.1 then 4.0), cycled to `count` lines. */
export function referenceMix(count) {
  const vectors = ['cvss31-vectors.txt', 'cvss40-vectors.txt'].flatMap((file) =>
    readFileSync(join(cvssFixtures, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => line.split(' - ')[0]),
  );
  return Array.from({ length: count }, (_, i) => vectors[i % vectors.length]);
}

// mulberry32: a tiny seeded PRNG so every run scores the same vectors.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct vectors, half CVSS 3.1 and half 4.0, each optional metric present 30% of the time. */
export function distinctVectors(count, seed = 20261124) {
  const next = random(seed);
  const pick = (values) => values[Math.floor(next() * values.length)];
  const seen = new Set();
  while (seen.size < count) {
    const version = seen.size % 2 === 0 ? '3.1' : '4.0';
    const parts = [`CVSS:${version}`];
    for (const { metric, group, values } of cvssGrammar(version)) {
      if (group === 'base' || next() < 0.3) parts.push(`${metric}:${pick(values)}`);
    }
    seen.add(parts.join('/'));
  }
  return [...seen];
}
