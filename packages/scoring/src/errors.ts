/**
 * Raised when input to a scoring function breaks its contract. Shares the
 * project's `VALIDATION` code so callers map it like any other validation
 * failure: `field` names what was wrong, `expected` says what would be right.
 */
export class ScoringValidationError extends Error {
  readonly code = 'VALIDATION' as const;

  constructor(
    readonly field: string,
    readonly expected: string,
    message?: string,
  ) {
    super(message ?? `${field}: expected ${expected}`);
    this.name = 'ScoringValidationError';
  }
}
