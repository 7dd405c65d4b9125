import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { FastifyBaseLogger } from 'fastify';
import { toAppError } from './to-app-error.js';
import { httpStatusByCode } from './error-codes.js';
import { variableInputErrorField } from './variable-input-error.js';

interface FormatterContext {
  reply?: { log: FastifyBaseLogger; request: { id: string } };
  app?: { log: FastifyBaseLogger };
}

interface ErrorWithStatus extends Error {
  statusCode?: number;
  code?: string;
  errors?: unknown[];
}

/** Flattens mercurius' wrapper errors (one error holding the list of validation errors). */
function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const nested = (error.originalError as ErrorWithStatus | undefined)?.errors;
    if (Array.isArray(nested)) {
      return nested.map((inner) =>
        inner instanceof GraphQLError
          ? inner
          : new GraphQLError((inner as Error).message, { originalError: inner as Error }),
      );
    }
    return [error];
  });
}

interface Classified {
  formatted: GraphQLFormattedError;
  status: number;
}

function classify(
  error: GraphQLError,
  log: FastifyBaseLogger,
  requestId: string | null,
): Classified {
  const base = { message: error.message, locations: error.locations, path: error.path };
  const original = error.originalError as ErrorWithStatus | undefined;

  if (original === undefined || original instanceof GraphQLError) {
    // A variable that does not fit its input type: the client's input is wrong, and the field is known.
    const field = variableInputErrorField(error.message);
    if (field !== null) {
      return { formatted: { ...base, extensions: { code: 'VALIDATION', field } }, status: 400 };
    }
  }
  // graphql-jit's errors (compiled operations) may carry no extensions object at all.
  if (typeof error.extensions?.['code'] === 'string' && original === undefined) {
    return { formatted: { ...base, extensions: error.extensions }, status: 400 };
  }
  if (original === undefined || original instanceof GraphQLError) {
    // Syntax, schema validation and argument coercion errors: the request itself is malformed.
    return { formatted: { ...base, extensions: { code: 'BAD_REQUEST' } }, status: 400 };
  }
  if (original.code === 'MER_ERR_GQL_QUERY_DEPTH') {
    return {
      formatted: { ...base, extensions: { code: 'BAD_REQUEST', limit: 'depth' } },
      status: 400,
    };
  }
  if (original.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      formatted: { ...base, extensions: { code: 'BAD_REQUEST', limit: 'body' } },
      status: 413,
    };
  }
  const appError = toAppError(original);
  if (appError !== null) {
    return {
      formatted: {
        ...base,
        message: appError.message,
        extensions: { ...appError.details, code: appError.code, field: appError.field },
      },
      status: httpStatusByCode[appError.code],
    };
  }
  if (
    typeof original.statusCode === 'number' &&
    original.statusCode >= 400 &&
    original.statusCode < 500
  ) {
    // Fastify and mercurius request errors (bad content type, malformed JSON, GET mutation).
    return {
      formatted: { ...base, extensions: { code: 'BAD_REQUEST' } },
      status: original.statusCode,
    };
  }
  log.error({ err: original, requestId }, 'unhandled error while answering a GraphQL request');
  return {
    formatted: {
      message: 'Internal error',
      locations: base.locations,
      path: base.path,
      extensions: { code: 'INTERNAL' },
    },
    status: 500,
  };
}

/**
 * One error as it leaves the server: the same `extensions.code` (and `field`)
 * the formatter gives it. Used where mercurius sends errors without calling
 * the formatter (a subscription that fails before its first event).
 */
export function formatGraphQLError(
  error: GraphQLError,
  log: FastifyBaseLogger,
): GraphQLFormattedError {
  return classify(error, log, null).formatted;
}

/**
 * Mercurius error formatter: every error leaves with `extensions.code` from the
 * project's vocabulary (and `extensions.field` for input errors). Unknown errors
 * are logged with the request id and answered as INTERNAL without details.
 * HTTP status: 200 when the operation executed (errors travel in the body);
 * the error's own status when the request was rejected before execution.
 */
export function formatGraphQLErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[]; statusCode?: number },
  context: FormatterContext,
): { statusCode: number; response: ExecutionResult } {
  const log = context.reply?.log ?? context.app?.log;
  const requestId = context.reply?.request.id ?? null;
  const classified = flatten(execution.errors).map((error) =>
    classify(error, log ?? (console as unknown as FastifyBaseLogger), requestId),
  );
  // `data` is absent (not null) only when the request was rejected before execution.
  const hasExecuted = execution.data !== undefined;
  return {
    statusCode: hasExecuted ? 200 : Math.max(200, ...classified.map((entry) => entry.status)),
    response: {
      data: execution.data ?? null,
      errors: classified.map((entry) => entry.formatted) as unknown as GraphQLError[],
    },
  };
}
