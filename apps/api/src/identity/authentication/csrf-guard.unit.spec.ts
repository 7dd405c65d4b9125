import { describe, expect, it } from 'vitest';
import { needsCsrfToken } from './csrf-guard.js';

describe('which cookie-authenticated requests need the CSRF token', () => {
  it('requires it for a GraphQL mutation, named or not', () => {
    expect(needsCsrfToken('POST', '/graphql', { query: 'mutation { signOut }' })).toBe(true);
    expect(
      needsCsrfToken('POST', '/graphql', {
        query: 'query A { me { user { id } } } mutation B { signOut }',
        operationName: 'B',
      }),
    ).toBe(true);
  });

  it('requires it when any operation of a batch is a mutation', () => {
    expect(
      needsCsrfToken('POST', '/graphql', [
        { query: '{ me { user { id } } }' },
        { query: 'mutation { signOut }' },
      ]),
    ).toBe(true);
  });

  it('does not require it for a GraphQL query sent by POST', () => {
    expect(needsCsrfToken('POST', '/graphql', { query: '{ csrfToken }' })).toBe(false);
  });

  it('requires it for any other unsafe method, and never for safe ones', () => {
    expect(needsCsrfToken('POST', '/exports', {})).toBe(true);
    expect(needsCsrfToken('DELETE', '/anything', undefined)).toBe(true);
    expect(needsCsrfToken('GET', '/auth/oidc/callback', undefined)).toBe(false);
  });

  it('tells operations of one document apart by name when it has seen the document before', () => {
    const query = 'query A { me { user { id } } } mutation B { signOut }';
    for (let round = 0; round < 2; round += 1) {
      expect(needsCsrfToken('POST', '/graphql', { query, operationName: 'A' })).toBe(false);
      expect(needsCsrfToken('POST', '/graphql', { query, operationName: 'B' })).toBe(true);
    }
  });

  it('cannot be fooled into remembering a write as a read by a name that spells part of it', () => {
    // Both requests would share one key if name and text were joined with a separator.
    expect(
      needsCsrfToken('POST', '/graphql', {
        query: '{ me { user { id } } }',
        operationName: '\u0000mutation { signOut } #',
      }),
    ).toBe(false);
    expect(
      needsCsrfToken('POST', '/graphql', {
        query: 'mutation { signOut } #\u0000{ me { user { id } } }',
      }),
    ).toBe(true);
  });

  it('requires it for a mutation in a document too long to remember, every time', () => {
    const query = `# ${'x'.repeat(10_000)}\nmutation { signOut }`;
    expect(needsCsrfToken('POST', '/graphql', { query })).toBe(true);
    expect(needsCsrfToken('POST', '/graphql', { query })).toBe(true);
  });

  it('judges an empty operation name as no name, as the compiled executor runs it', () => {
    // graphql-jit runs the only operation when the name is empty; graphql-js refuses it.
    const query = 'mutation { signOut }';
    for (const operationName of ['', undefined, '']) {
      expect(needsCsrfToken('POST', '/graphql', { query, operationName })).toBe(true);
    }
  });
});
