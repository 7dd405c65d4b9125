/**
 * The domain's error vocabulary, shared across Threatloom: each error carries a
 * stable code the API maps to one GraphQL error code and one HTTP status.
 */
export type DomainErrorCode =
  'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'ILLEGAL_STATE';

/** Base class so callers can narrow on `code` without knowing every subclass. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/** Input did not have the expected shape: names the field path and what was expected. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION' as const;
  /** Every problem found, the first one being `field`/`expected`; forms can mark them all. */
  readonly issues: readonly { field: string; expected: string }[];

  constructor(
    readonly field: string,
    readonly expected: string,
    readonly received?: string,
    issues?: readonly { field: string; expected: string }[],
  ) {
    super(
      received === undefined
        ? `${field}: expected ${expected}`
        : `${field}: expected ${expected}, got ${received}`,
    );
    this.name = 'ValidationError';
    this.issues = issues ?? [{ field, expected }];
  }
}

/** A referenced entity does not exist in the model (also used for "no access" by the API). */
export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly field?: string,
  ) {
    super(`${field ? `${field}: ` : ''}${entity} '${id}' does not exist`);
    this.name = 'NotFound';
  }
}

/** The command clashes with existing state: a duplicate id or ref, or a wrong expected version. */
export class Conflict extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'Conflict';
  }
}

/** The actor is known but their role does not allow this command. */
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(
    readonly requiredRole: string,
    message: string,
  ) {
    super(message);
    this.name = 'Forbidden';
  }
}

/** The command is well formed but not allowed in the model's current state. */
export class IllegalState extends DomainError {
  readonly code = 'ILLEGAL_STATE' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'IllegalState';
  }
}
