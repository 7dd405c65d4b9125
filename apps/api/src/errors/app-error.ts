/**
 * The project's error vocabulary as the API speaks it. Each code maps to one
 * GraphQL `extensions.code` and one HTTP status (see error-codes.ts).
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'ILLEGAL_STATE'
  | 'UNAUTHENTICATED'
  | 'BAD_REQUEST'
  | 'INTERNAL';

/** An error whose code, field and details are safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Input did not match what was expected; `field` names the offending input path. */
export class ValidationError extends AppError {
  constructor(field: string, expected: string, message = `${field}: ${expected}`) {
    super('VALIDATION', message, field, { expected });
    this.name = 'ValidationError';
  }
}

/** The resource does not exist, or the caller may not know that it exists. */
export class NotFound extends AppError {
  constructor(what: string, id: string, field: string | null = null) {
    super('NOT_FOUND', `${what} ${id} not found`, field, { id });
    this.name = 'NotFound';
  }
}

/** The caller can see the resource but its role does not allow the operation. */
export class Forbidden extends AppError {
  constructor(message: string, field: string | null = null) {
    super('FORBIDDEN', message, field);
    this.name = 'Forbidden';
  }
}

/** Optimistic concurrency failed: someone else changed the stream first. */
export class Conflict extends AppError {
  constructor(
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    field: string | null = null,
  ) {
    super('CONFLICT', message, field, details);
    this.name = 'Conflict';
  }
}

/** The operation is valid in general but not in the resource's current state. */
export class IllegalState extends AppError {
  constructor(message: string, field: string | null = null) {
    super('ILLEGAL_STATE', message, field);
    this.name = 'IllegalState';
  }
}

/** No (valid) credentials were presented for an operation that needs them. */
export class Unauthenticated extends AppError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
    this.name = 'Unauthenticated';
  }
}
