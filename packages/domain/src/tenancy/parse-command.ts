import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Validates a tenancy command payload, turning the first zod issue into a ValidationError naming the field. */
export function parseTenancyCommand<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'command';
  throw new ValidationError(field, issue?.message ?? 'a valid command');
}
