/** One error the API answered, with the input field it names (when it names one). */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The API's error code: VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED, ... */
    readonly code: string,
    /** The input field the error is about, as the API names it (e.g. `email`, `input.name`). */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the caller has no (valid) session: the app then asks to sign in again. */
  get isUnauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown };
}

/** The first GraphQL error of an answer as an ApiError. */
export function apiErrorOf(errors: readonly GraphQLErrorShape[]): ApiError {
  const first = errors[0] ?? {};
  const message =
    typeof first.message === 'string' ? first.message : 'The server refused the request';
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'ERROR';
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
  return new ApiError(message, code, field);
}

/** The message of the error that names `field` (or ends with `.field`), for showing next to that input. */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || error.field === null) return null;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : null;
}
