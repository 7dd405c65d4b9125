/** An array longer than this is written element by element. */
const LONG_ARRAY = 64;

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Whether `value` is an object (not an array) with an array longer than LONG_ARRAY among its own values. */
function holdsLongArray(value: object): boolean {
  for (const member of Object.values(value)) {
    if (Array.isArray(member) && member.length > LONG_ARRAY) return true;
  }
  return false;
}

/**
 * `value` as JSON text in pieces, whose concatenation is exactly
 * `JSON.stringify(value)`. The pieces follow the value's shape down to its
 * long arrays (answers of thousands of rows), which are written one element
 * at a time; everything else is written with one `JSON.stringify` per piece.
 * A consumer can stop between pieces to let other work run.
 */
export function* jsonPieces(value: unknown, depth = 0): Generator<string, void, undefined> {
  const isContainer = value !== null && typeof value === 'object';
  const isWalked =
    isContainer &&
    (Array.isArray(value)
      ? value.length > LONG_ARRAY || depth < 2
      : typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
        (depth < 3 || holdsLongArray(value)));
  if (!isWalked) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) yield ',';
      const element: unknown = value[index];
      if (isSkipped(element)) yield 'null';
      else yield* jsonPieces(element, depth + 1);
    }
    yield ']';
    return;
  }
  let separator = '{';
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (isSkipped(member)) continue;
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    yield* jsonPieces(member, depth + 1);
  }
  yield separator === '{' ? '{}' : '}';
}
