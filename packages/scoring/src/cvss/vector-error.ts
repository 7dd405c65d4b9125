import { ScoringValidationError } from '../errors.js';

/** What is wrong with a vector string, so callers can react without parsing messages. */
export type CvssVectorProblem =
  | 'empty'
  | 'bad-prefix'
  | 'unsupported-version'
  | 'malformed-component'
  | 'unknown-metric'
  | 'invalid-value'
  | 'duplicate-metric'
  | 'missing-metric';

/**
 * A vector string that does not follow the CVSS grammar. `field` is the metric
 * abbreviation (or `prefix` / `vector` when the problem is not one metric's),
 * `value` is what was found there (null when it is missing), and `expected`
 * is what the grammar allows.
 */
export class CvssVectorError extends ScoringValidationError {
  constructor(
    readonly problem: CvssVectorProblem,
    field: string,
    readonly value: string | null,
    expected: string,
  ) {
    super(field, expected, describe(problem, field, value, expected));
    this.name = 'CvssVectorError';
  }
}

function describe(
  problem: CvssVectorProblem,
  field: string,
  value: string | null,
  expected: string,
): string {
  switch (problem) {
    case 'missing-metric':
      return `${field}: missing mandatory metric, expected one of ${expected}`;
    case 'duplicate-metric':
      return `${field}: given more than once (again as '${value ?? ''}'), expected ${expected}`;
    case 'unknown-metric':
      return `${field}: unknown metric (got '${field}:${value ?? ''}'), expected ${expected}`;
    default:
      return `${field}: got '${value ?? ''}', expected ${expected}`;
  }
}
