import type { z } from 'zod';
import { ScoringValidationError } from './errors.js';

/**
 * Turns the first zod issue into our validation error, with the issue's path as
 * the field (`bands[1].min`) and the schema's message as what was expected.
 */
export function toValidationError(error: z.ZodError, root: string): ScoringValidationError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const field = path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${String(key)}`),
    root,
  );
  return new ScoringValidationError(field, issue?.message ?? 'a valid value');
}
