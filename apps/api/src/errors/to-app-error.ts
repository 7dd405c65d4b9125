import { ZodError } from 'zod';
import { AppError, Conflict, ValidationError, type ErrorCode } from './app-error.js';

const domainCodes = new Set<ErrorCode>([
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'ILLEGAL_STATE',
]);

interface CodedError {
  code: string;
  message: string;
  field?: unknown;
  path?: unknown;
  expected?: unknown;
}

function isCodedError(error: unknown): error is CodedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function fieldOf(error: { field?: unknown; path?: unknown }): string | null {
  if (typeof error.field === 'string') return error.field;
  if (typeof error.path === 'string') return error.path;
  if (Array.isArray(error.path)) return error.path.map(String).join('.');
  return null;
}

/** Formats a zod issue path like `input.threats.0.title`, prefixed with the argument name. */
export function zodPath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== '').join('.');
}

/**
 * Translates any thrown value into the API's vocabulary, or null when it is not
 * a known, caller-safe error (those are logged and answered as INTERNAL).
 * Matching is by shape and name, not class identity, so errors from workspace
 * packages (domain, eventstore, scoring) map even across module copies.
 */
export function toAppError(error: unknown, inputName = 'input'): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = zodPath(inputName, issue?.path ?? []);
    const message = issue?.message ?? 'invalid input';
    // Edge schemas word their errors "expected ..."; `expected` holds only what was expected.
    return new ValidationError(field, message.replace(/^expected\s+/, ''), `${field}: ${message}`);
  }
  if (error instanceof Error && error.name === 'WrongExpectedVersion') {
    const { stream, streamId, expected, expectedVersion, actual, actualVersion } = error as Error &
      Record<string, unknown>;
    return new Conflict(error.message, {
      stream: stream ?? streamId ?? null,
      expectedVersion: expected ?? expectedVersion ?? null,
      actualVersion: actual ?? actualVersion ?? null,
    });
  }
  if (error instanceof Error && error.name === 'CvssVectorError') {
    const { field, expected } = error as Error & { field?: unknown; expected?: unknown };
    return new ValidationError(
      typeof field === 'string' ? `vector.${field}` : 'vector',
      typeof expected === 'string' ? expected : 'a valid CVSS vector',
      error.message,
    );
  }
  if (isCodedError(error) && /^22[0-9A-Z]{3}$/.test(error.code)) {
    // SQLSTATE class 22, "data exception": a value the database cannot hold (NUL in
    // text, an invalid Unicode escape, a number out of range). The edge refuses
    // the known cases first; whatever still gets here is the caller's input.
    return new AppError(
      'BAD_REQUEST',
      `the input holds a value the database cannot store (${error.message})`,
    );
  }
  if (isCodedError(error) && domainCodes.has(error.code as ErrorCode)) {
    const code = error.code as ErrorCode;
    const field = fieldOf(error);
    const details = typeof error.expected === 'string' ? { expected: error.expected } : {};
    return new AppError(code, error.message, field, details);
  }
  return null;
}
