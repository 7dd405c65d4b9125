import { ValidationError } from '../errors/app-error.js';

/** Domain field paths of a typed mutation name its `input` argument (`input.name`). */
export function inputField(domainField: string): string {
  return `input.${domainField}`;
}

/**
 * Builds a domain command from typed input. GraphQL gives `undefined` for an
 * absent field and `null` for an explicit null; the domain's defaults apply
 * only to missing keys, so absent fields are dropped, and nulls are dropped
 * too except for the keys in `nullable`, where null means "clear it".
 */
export function domainCommand(
  type: string,
  fields: Record<string, unknown>,
  nullable: readonly string[] = [],
): Record<string, unknown> {
  return { type, ...presentFields(fields, nullable) };
}

/** The fields of a nested input object, absent ones dropped as in `domainCommand`. */
export function presentFields(
  fields: Record<string, unknown>,
  nullable: readonly string[] = [],
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([key, value]) => value !== undefined && (value !== null || nullable.includes(key)),
    ),
  );
}

/**
 * Refuses a field given where the rest of the input rules it out (a target
 * without the 'reassign' policy, a vector with a method other than cvss).
 */
export function refuseField(field: string, expected: string): never {
  throw new ValidationError(inputField(field), expected);
}
