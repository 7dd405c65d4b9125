import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { formatGraphQLError } from '../errors/graphql-error-formatter.js';

interface SubscriptionContext {
  app?: { log?: FastifyBaseLogger };
}

/**
 * Wraps every subscription field's `subscribe` so an error it throws (access
 * denied, bad input) leaves with the project's `extensions.code` and `field`.
 * Why: mercurius sends a subscription's setup error straight over graphql-ws
 * without calling the error formatter, so without this the client would get a
 * bare message where queries get a stable code.
 */
export function withSubscriptionErrorCodes(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const subscribe = field.subscribe;
    if (subscribe === undefined) continue;
    field.subscribe = async (source, args, context: SubscriptionContext, info) => {
      let outcome: unknown;
      try {
        outcome = await subscribe(source, args, context, info);
      } catch (error) {
        throw withCode(error, context);
      }
      // Nest's exception handling hands a failed resolver's error back as its result.
      if (outcome instanceof Error) throw withCode(outcome, context);
      return outcome;
    };
  }
  return schema;
}

/** The error rebuilt with the formatter's message and extensions. */
function withCode(error: unknown, context: SubscriptionContext): GraphQLError {
  const located =
    error instanceof GraphQLError
      ? error
      : new GraphQLError((error as Error).message, { originalError: error as Error });
  const log = context.app?.log ?? (console as unknown as FastifyBaseLogger);
  const formatted = formatGraphQLError(located, log);
  return new GraphQLError(formatted.message, {
    ...(formatted.extensions === undefined ? {} : { extensions: formatted.extensions }),
  });
}
