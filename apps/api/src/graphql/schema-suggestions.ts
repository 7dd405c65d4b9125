import type { ExecutionResult } from 'graphql';

/** graphql-js appends its suggestions to the end of a validation or coercion message. */
const SUGGESTION = /\s*Did you mean [^?]*\?$/;

/** The message without graphql-js's "Did you mean ...?" suggestion. */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

type Formatter<Context> = (
  execution: ExecutionResult & { errors: readonly unknown[] },
  context: Context,
) => { statusCode: number; response: ExecutionResult };

/**
 * Wraps the error formatter so no answer suggests field, argument, type or
 * enum names ("Did you mean \\"model\\"?"). With introspection off, those
 * suggestions would let anyone read the schema back one guess at a time.
 * graphql-js has no switch for them, so they are cut from the message.
 */
export function withoutSchemaSuggestions<Context>(
  formatter: Formatter<Context>,
): Formatter<Context> {
  return (execution, context) => {
    const formatted = formatter(execution, context);
    const errors = formatted.response.errors?.map((error) => ({
      ...error,
      message: withoutSuggestion(error.message),
    }));
    return {
      statusCode: formatted.statusCode,
      response: { ...formatted.response, ...(errors === undefined ? {} : { errors }) },
    } as ReturnType<Formatter<Context>>;
  };
}
