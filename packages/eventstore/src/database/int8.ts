import { IllegalState } from '../errors.js';

/** OID of PostgreSQL's `int8` (bigint), the type of positions and `count(*)`. */
export const INT8_OID = 20;

/**
 * Parses int8 text into a JavaScript number, the one place where bigint columns
 * are converted for both drivers (pg returns strings, PGlite bigints or numbers).
 * Positions stay far below 2^53; refusing larger values beats rounding silently.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new IllegalState(`int8 value ${text} exceeds the safe integer range`);
  return value;
}
