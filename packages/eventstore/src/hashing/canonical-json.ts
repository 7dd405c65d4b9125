import { ValidationError } from '../errors.js';

/**
 * JSON Canonicalization Scheme (RFC 8785) for the values JSON.stringify accepts:
 * object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and
 * string serialisation. `toJSON` and dropped `undefined` members follow
 * JSON.stringify, so the canonical text describes exactly what gets stored.
 */
export function canonicalJson(value: unknown, field = 'value'): string {
  const text = serialize(value, { parent: undefined, key: field });
  if (text === undefined) throw new ValidationError(field, 'a JSON value');
  return text;
}

/** Where a value sits, as a chain to the root; spelled out only for an error, so valid input builds no path strings. */
interface Path {
  parent: Path | undefined;
  key: string | number;
}

function fieldOf(path: Path): string {
  const key = typeof path.key === 'number' ? `[${path.key}]` : path.key;
  if (path.parent === undefined) return key;
  return typeof path.key === 'number'
    ? `${fieldOf(path.parent)}${key}`
    : `${fieldOf(path.parent)}.${key}`;
}

function serialize(input: unknown, path: Path): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new ValidationError(fieldOf(path), 'a finite number');
      return JSON.stringify(value);
    case 'bigint':
      throw new ValidationError(fieldOf(path), 'a JSON value (bigint is not JSON)');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += serialize(value[index], { parent: path, key: index }) ?? 'null';
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key], { parent: path, key });
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
