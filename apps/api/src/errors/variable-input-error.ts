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
  return variableInputError(message)?.field ?? null;
}

/** One variable that does not fit its type: the path the client wrote and what was expected there. */
export interface VariableInputError {
  field: string;
  expected: string;
}

function article(noun: string): string {
  return /^[AEIOUaeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** What graphql-js's coercion reason says was expected, in words a person can act on. */
const expectations: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Value "[^"]*" does not exist in "(\w+)" enum/, (m) => `one of the ${m[1]} values`],
  [/^Enum "(\w+)" cannot represent/, (m) => `one of the ${m[1]} values`],
  [/^String cannot represent/, () => 'a string'],
  [/^Int cannot represent non 32-bit/, () => 'an integer between -2147483648 and 2147483647'],
  [/^Int cannot represent/, () => 'an integer'],
  [/^Float cannot represent/, () => 'a number'],
  [/^Boolean cannot represent/, () => 'true or false'],
  [/^ID cannot represent/, () => 'an ID (a string)'],
  [/^Expected type "(\w+)" to be an object/, (m) => `${article(m[1] ?? '')} object`],
  [
    /^Expected non-nullable type "([^"]+)" not to be null/,
    (m) => `a value of type ${m[1]}, not null`,
  ],
  [/^Field "\w+" of required type "([^"]+)" was not provided/, (m) => `a value of type ${m[1]}`],
  [/^Field "\w+" is not defined by type "(\w+)"/, (m) => `only the fields ${m[1]} defines`],
  // A scalar of ours saying what it wanted (the JSON scalar's limits).
  [/^Expected (an? .+?)\.?$/s, (m) => m[1] ?? ''],
];

function expectedFrom(reason: string): string {
  for (const [pattern, expected] of expectations) {
    const match = pattern.exec(reason);
    if (match) return expected(match);
  }
  // A scalar's own refusal: `Expected type "JSON". <why>` says it in its own words.
  const scalar = /^Expected type "(\w+)"\. (.+)$/s.exec(reason);
  if (scalar) return `a valid ${scalar[1]}: ${scalar[2]}`;
  return reason.replace(/ Did you mean .*$/s, '').replace(/\.$/, '');
}

/**
 * The field and expectation of a graphql-js variable coercion error, or null
 * for any other message. The field is the path as the client wrote it, from
 * its variable name (`input.trust`, `input.kind`).
 */
export function variableInputError(message: string): VariableInputError | null {
  const missing =
    /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\.$/.exec(
      message,
    );
  if (missing) return { field: missing[1] ?? '', expected: `a value of type ${missing[2] ?? ''}` };

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
  return {
    field: namedField ? `${path}.${namedField[1] ?? ''}` : path,
    expected: expectedFrom(reason),
  };
}
