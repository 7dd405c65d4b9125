import type { z } from 'zod';
import { ValidationError } from '../errors/app-error.js';
import { zodPath } from '../errors/to-app-error.js';

/**
 * Validates resolver input at the edge; the first issue becomes a VALIDATION
 * error naming the field path (prefixed with `argument` when given).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  argument: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = zodPath(argument, issue?.path ?? []);
  const message = issue?.message ?? 'invalid input';
  // Edge schemas word their errors "expected ..."; `expected` holds only what was expected.
  throw new ValidationError(field, message.replace(/^expected\s+/, ''), `${field}: ${message}`);
}
