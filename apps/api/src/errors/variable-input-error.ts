/**
 * Reads the offending field out of graphql-js's variable coercion errors, which
 * are raised before any resolver runs and carry their path only in the message:
 *
 * - `Variable "$input" got invalid value "x" at "input.trust"; Value "x" does not exist in "ZoneTrust" enum.`
 * - `Variable "$input" got invalid value {...}; Field "kind" of required type "ElementKind!" was not provided.`
 * - `Variable "$input" got invalid value {...}; Field "foo" is not defined by type "AddZoneInput".`
 * - `Variable "$input" of required type "AddZoneInput!" was not provided.`
 * - `Variable "$input" of non-null type "AddZoneInput!" must not be null.`
 *
 * The field is the path as the client wrote it, from its variable name
 * (`input.trust`, `input.kind`). Returns null for any other message.
 */
export function variableInputErrorField(message: string): string | null {
  const missing =
    /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/.exec(
      message,
    );
  if (missing) return missing[1] ?? null;

  const invalid = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (!invalid) return null;
  const variable = invalid[1] ?? '';
  // The value is printed before the path and may itself contain quotes: take the last `at "..."; `.
  const located = [...message.matchAll(/ at "(\$?[\w.[\]]+)"; /g)].at(-1);
  const path = located?.[1]?.replace(/^\$/, '') ?? variable;
  const reason = message.slice(
    located === undefined ? message.indexOf('; ') + 2 : (located.index ?? 0) + located[0].length,
  );
  const namedField =
    /^Field "(\w+)" (?:of required type "[^"]+" was not provided|is not defined by type "[^"]+")/.exec(
      reason,
    );
  return namedField ? `${path}.${namedField[1] ?? ''}` : path;
}
