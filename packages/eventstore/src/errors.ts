/**
 * Error vocabulary shared across the project: each error carries a stable `code`
 * so callers (GraphQL, HTTP, CLI) can map it in one place.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'ILLEGAL_STATE';
}

/** Input that does not have the expected shape: names the field and what was expected. */
export class ValidationError extends EventStoreError {
  readonly code = 'VALIDATION' as const;
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
    this.name = 'ValidationError';
  }
}

/** The write lost a race or contradicts what is already stored. */
export class Conflict extends EventStoreError {
  readonly code = 'CONFLICT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

/** Describes an expected version in messages: a number, `no_stream` or `any`. */
function describeVersion(version: number | 'no_stream' | 'any'): string {
  return typeof version === 'number' ? String(version) : version;
}

/** Optimistic concurrency failure: the stream is not at the version the writer expected. */
export class WrongExpectedVersion extends Conflict {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'no_stream' | 'any',
    /** Version of the last stored event, -1 when the stream does not exist. */
    readonly actualVersion: number,
  ) {
    super(
      `stream ${streamId}: expected version ${describeVersion(expectedVersion)}, actual version ${
        actualVersion < 0 ? 'no_stream' : actualVersion
      }`,
    );
    this.name = 'WrongExpectedVersion';
  }
}

/** An event id is already stored as a different event or at a different place. */
export class DuplicateEventId extends Conflict {
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `stream ${streamId}: event id(s) ${eventIds.join(', ')} already stored as different event(s)`,
    );
    this.name = 'DuplicateEventId';
  }
}

/** The store is used in a state that does not allow the operation (for example after close). */
export class IllegalState extends EventStoreError {
  readonly code = 'ILLEGAL_STATE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'IllegalState';
  }
}
