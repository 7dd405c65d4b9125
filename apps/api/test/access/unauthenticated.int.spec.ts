import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startApiServer, type ApiServer } from '../support/api-server.js';
import {
  introspect,
  operationText,
  variablesFor,
  type IntrospectedSchema,
} from '../support/schema-operations.js';

/**
 * Root fields a caller without a session may use. Written out here, not read
 * from the code, so a field that becomes public by mistake fails this suite.
 */
const PUBLIC = {
  query: ['me', 'csrfToken'],
  mutation: ['signUp', 'signIn', 'signOut'],
} as const;

// The check runs before any resolver or database read, so one backend covers it.
describe('operations without a session', () => {
  let server: ApiServer;
  let schema: IntrospectedSchema;

  beforeAll(async () => {
    // Introspecting nested list types goes deeper than the default depth limit.
    server = await startApiServer(
      { kind: 'pglite', dataDir: 'memory://' },
      { GRAPHQL_MAX_DEPTH: '16' },
    );
    schema = await introspect(server.url);
  });

  afterAll(async () => {
    await server?.close();
  });

  for (const operation of ['mutation', 'query'] as const) {
    it(`answers every ${operation} outside the public list with UNAUTHENTICATED and 401`, async () => {
      const fields = schema.rootFields.filter(
        (field) =>
          field.operation === operation &&
          !(PUBLIC[operation] as readonly string[]).includes(field.name),
      );
      expect(fields.length).toBeGreaterThan(operation === 'mutation' ? 50 : 15);
      const answers: Record<string, unknown> = {};
      for (const field of fields) {
        const { variables } = variablesFor(field, schema, () => randomUUID());
        const answer = await postGraphQL(server.url, operationText(field), variables);
        answers[field.name] = {
          status: answer.status,
          code: answer.errors?.[0]?.extensions?.['code'],
          data: answer.data,
        };
      }
      for (const field of fields) {
        expect(answers[field.name], field.name).toEqual({
          status: 401,
          code: 'UNAUTHENTICATED',
          data: null,
        });
      }
    });
  }

  it('answers models without a session with UNAUTHENTICATED, not an empty list', async () => {
    const answer = await postGraphQL(server.url, '{ models { totalCount } }');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(answer.data).toBeNull();
  });

  it('answers registerSystem without a session with UNAUTHENTICATED, not NOT_FOUND', async () => {
    const answer = await postGraphQL(
      server.url,
      'mutation ($input: RegisterSystemInput!) { registerSystem(input: $input) { id } }',
      { input: { name: 'Payments', criticalityTier: 2 } },
    );
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('still answers the public operations without a session', async () => {
    const answer = await postGraphQL(server.url, '{ me { __typename } csrfToken }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ me: null });
  });
});
