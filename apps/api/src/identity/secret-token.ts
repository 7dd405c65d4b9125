import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 32-byte secret, base64url-encoded, for cookies and API tokens. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a secret: what the database keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two strings without leaking, through timing, where they differ. */
export function constantTimeEquals(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  if (a.length !== b.length) {
    // Still spend a comparison so a length mismatch costs about the same.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
