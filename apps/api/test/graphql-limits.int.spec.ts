import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startApiServer, type ApiServer } from './support/api-server.js';
import { createModelOwner } from './support/model-owner.js';

// The limits sit in front of execution and do not touch the database, so one
// dialect (in-memory PGlite) covers them.
describe('GraphQL request limits', () => {
  let server: ApiServer;
  // Operations other than signing in need a session; the limits apply to signed-in callers.
  let session: Record<string, string>;

  beforeAll(async () => {
    server = await startApiServer(
      { kind: 'pglite', dataDir: 'memory://' },
      { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '500', BODY_LIMIT_BYTES: '4096' },
    );
    session = (await createModelOwner(server)).headers;
  });

  afterAll(async () => {
    await server.close();
  });

  it('rejects a query nested deeper than GRAPHQL_MAX_DEPTH with a depth error', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models { edges { node { threats { edges { node { mitigations { id } } } } } } } }',
    );
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.message).toMatch(/depth/);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'depth' });
  });

  it('rejects a query whose estimated cost exceeds GRAPHQL_MAX_COST, naming both figures', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models(first: 100) { edges { node { id name description streamVersion } } } }',
      {},
      session,
    );
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_REQUEST',
      limit: 'cost',
      maxCost: 500,
    });
    expect(answer.errors?.[0]?.message).toMatch(/cost \d+ exceeds the maximum cost of 500/);
  });

  it('accepts the same query with a page small enough to stay under the cost limit', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models(first: 10) { edges { node { id name description streamVersion } } } }',
      {},
      session,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
  });

  it('rejects a request body larger than BODY_LIMIT_BYTES with 413', async () => {
    const padding = 'x'.repeat(5000);
    const answer = await postGraphQL(server.url, `{ __typename } # ${padding}`);
    expect(answer.status).toBe(413);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'body' });
  });

  it('rejects a page size above the maximum as a VALIDATION error on first', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models(first: 101) { totalCount } }',
      {},
      session,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'first' });
  });

  it('rejects a malformed cursor as a VALIDATION error on after', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models(first: 1, after: "not-a-cursor") { totalCount } }',
      {},
      session,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'after' });
  });

  it('answers an invalid argument with VALIDATION naming the field, before any access check', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ threats(modelId: "not-a-uuid") { totalCount } }',
      {},
      session,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'modelId' });
  });

  it('keeps the error code of an operation after it is compiled with graphql-jit', async () => {
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const answer = await postGraphQL(
        server.url,
        'query ($id: ID!) { threats(modelId: $id) { totalCount } }',
        {
          id: `not-a-uuid-${attempt}`,
        },
        session,
      );
      codes.push(answer.errors?.[0]?.extensions?.['code']);
    }
    expect(codes).toEqual(Array(12).fill('VALIDATION'));
  });

  it('serves introspection and GraphiQL outside production', async () => {
    const answer = await postGraphQL(server.url, '{ __schema { queryType { name } } }');
    expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await fetch(`${server.url}/graphiql`)).status).toBe(200);
  });
});

describe('GraphQL in production mode', () => {
  let server: ApiServer;
  let session: Record<string, string>;

  beforeAll(async () => {
    // Registration is closed in production unless opened (identity reads it from the
    // process environment); the test signs a user up to have a session.
    process.env['OPEN_REGISTRATION'] = 'true';
    server = await startApiServer(
      { kind: 'pglite', dataDir: 'memory://' },
      { NODE_ENV: 'production' },
    );
    session = (await createModelOwner(server)).headers;
  });

  afterAll(async () => {
    delete process.env['OPEN_REGISTRATION'];
    await server.close();
  });

  it('refuses introspection queries', async () => {
    const answer = await postGraphQL(server.url, '{ __schema { queryType { name } } }');
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.message).toMatch(/introspection/i);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('does not serve the GraphiQL IDE', async () => {
    expect((await fetch(`${server.url}/graphiql`)).status).toBe(404);
  });

  it('still answers ordinary queries', async () => {
    const answer = await postGraphQL(
      server.url,
      '{ models(first: 1) { totalCount } }',
      {},
      session,
    );
    expect(answer.errors).toBeUndefined();
  });
});
