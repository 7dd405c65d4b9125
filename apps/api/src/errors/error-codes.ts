import type { ErrorCode } from './app-error.js';

/** The one HTTP status of each error code (used by REST routes and rejected GraphQL requests). */
export const httpStatusByCode: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_STATE: 422,
  INTERNAL: 500,
};
