import { Cvss3P0, Cvss3P1 } from './library.js';
import { indexLibraryValues } from './library-values.js';
import type { ParsedCvssVector } from './parse.js';
import type { CalculatedScores } from './scores.js';

// CvssVector.round(value, 1), which calculateScores applies to each figure.
const roundToOneDecimal = (value: number) => Math.round(value * 10) / 10;

const classes = { '3.0': Cvss3P0, '3.1': Cvss3P1 } as const;
const values = {
  '3.0': indexLibraryValues(new Cvss3P0()),
  '3.1': indexLibraryValues(new Cvss3P1()),
};

/**
 * Scores a CVSS 3.0/3.1 vector with the library's own formulas. The library
 * object is filled from our already-parsed metrics instead of from the vector
 * string, which skips the library's parser (regex clean-up and a scan of every
 * metric per component), the most expensive part of a 3.x score.
 */
export function calculate3(
  parsed: ParsedCvssVector & { version: '3.0' | '3.1' },
): CalculatedScores {
  const vector = new classes[parsed.version]();
  const index = values[parsed.version];
  for (const [metric, value] of parsed.metrics) {
    vector.applyComponent(index.metric(metric), index.value(metric, value), false);
  }
  // The library's calculateScores() also derives impact, exploitability and
  // overall figures and serialises the vector twice; these are the three of
  // its figures we report, rounded as it rounds them.
  return {
    base: roundToOneDecimal(vector.calculateExactBaseScore()),
    temporal: vector.isAnyTemporalDefined()
      ? roundToOneDecimal(vector.calculateExactTemporalScore())
      : undefined,
    threat: undefined,
    environmental: vector.isAnyEnvironmentalDefined()
      ? roundToOneDecimal(vector.calculateExactEnvironmentalScore())
      : undefined,
  };
}
