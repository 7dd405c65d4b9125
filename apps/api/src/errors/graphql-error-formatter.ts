import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { FastifyBaseLogger } from 'fastify';
import { toAppError } from './to-app-error.js';
import { httpStatusByCode } from './error-codes.js';
import { argumentHolding } from './resource-argument.js';
import { variableInputError } from './variable-input-error.js';

interface FormatterContext {
  reply?: { log: FastifyBaseLogger; request: { id: string; body?: unknown } };
  app?: { log: FastifyBaseLogger };
}

/** The variables of the request being answered (POST body), for naming arguments in errors. */
function variablesOf(context: FormatterContext): Readonly<Record<string, unknown>> {
  const variables = (context.reply?.request.body as { variables?: unknown } | undefined)?.variables;
  return typeof variables === 'object' && variables !== null
    ? (variables as Record<string, unknown>)
    : {};
}

interface ErrorWithStatus extends Error {
  statusCode?: number;
  code?: string;
  errors?: unknown[];
}

/**
 * Flattens mercurius' wrapper errors (one error holding the list of validation
 * errors). A plain inner error takes the wrapper's status and code (a mutation
 * sent with GET is a 405 whose reason is a plain Error).
 */
function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const wrapper = error.originalError as ErrorWithStatus | undefined;
    const nested = wrapper?.errors;
    if (Array.isArray(nested)) {
      return nested.map((inner) => {
        if (inner instanceof GraphQLError) return inner;
        const own = inner as ErrorWithStatus;
        if (own.code !== undefined || own.statusCode !== undefined) {
          return new GraphQLError(own.message, { originalError: own });
        }
        const reason: ErrorWithStatus = new Error(own.message);
        if (wrapper?.statusCode !== undefined) reason.statusCode = wrapper.statusCode;
        if (wrapper?.code !== undefined) reason.code = wrapper.code;
        return new GraphQLError(reason.message, { originalError: reason });
      });
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
  variables: Readonly<Record<string, unknown>> = {},
): Classified {
  const base = { message: error.message, locations: error.locations, path: error.path };
  const original = error.originalError as ErrorWithStatus | undefined;

  if (original === undefined || original instanceof GraphQLError) {
    // A variable that does not fit its input type: the client's input is wrong, and the field is known.
    const variable = variableInputError(error.message);
    if (variable !== null) {
      return {
        formatted: {
          ...base,
          extensions: { code: 'VALIDATION', field: variable.field, expected: variable.expected },
        },
        status: 400,
      };
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
    const field =
      appError.field === 'id'
        ? (argumentHolding(error, appError.details['id'], variables) ?? appError.field)
        : appError.field;
    return {
      formatted: {
        ...base,
        message: appError.message,
        extensions: { ...appError.details, code: appError.code, field },
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
  const variables = variablesOf(context);
  const classified = flatten(execution.errors).map((error) =>
    classify(error, log ?? (console as unknown as FastifyBaseLogger), requestId, variables),
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
