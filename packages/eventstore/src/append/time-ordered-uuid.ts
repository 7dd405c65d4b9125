import { randomFillSync } from 'node:crypto';

const bytes = new Uint8Array(16);
const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random
 * bits. Ids generated one after another sort near each other, so the unique
 * index on event ids grows at its right edge instead of touching a random page
 * per insert. The time it carries is the append's, already stored as
 * `recordedAt`.
 */
export function timeOrderedUuid(now = Date.now()): string {
  randomFillSync(bytes);
  let time = now;
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = Array.from(bytes, (byte) => HEX[byte] as string).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
