import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unknownAccountStream } from './identity-events.js';

describe('stream of failed sign-ins for an unknown email', () => {
  const hash = (email: string) => createHash('sha256').update(email).digest('hex');

  it('is a store-valid <category>-<uuid> id with version 8 and the RFC variant', () => {
    expect(unknownAccountStream(hash('a@example.test'))).toMatch(
      /^signin-[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is the same for the same email and differs between emails', () => {
    expect(unknownAccountStream(hash('a@example.test'))).toBe(
      unknownAccountStream(hash('a@example.test')),
    );
    expect(unknownAccountStream(hash('a@example.test'))).not.toBe(
      unknownAccountStream(hash('b@example.test')),
    );
  });
});
