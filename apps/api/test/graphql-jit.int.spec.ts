import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLEnumType, GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID, DEMO_ORGANISATION_ID, DEMO_SYSTEM_ID } from '../src/demo/demo-ids.js';
import { JIT_AFTER_EXECUTIONS } from '../src/graphql/graphql-options.js';
import { CookieBrowser } from './identity/support/cookie-browser.js';
import { signIn } from './identity/support/identity-operations.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from './identity/support/identity-test-server.js';
import { as, ok, type TestUser } from './tenancy/support/tenancy-actors.js';
import { eventually } from './support/model-owner.js';
import { namedTypeOf } from './tenancy/support/operations.js';

/**
 * Compiled operations hand leaf values out without the scalar and enum
 * serialisers (JIT_COMPILER_OPTIONS). This suite shows that changes no answer:
 * every query root field, with every field below it that takes no required
 * argument, is asked of the demo data once in graphql-js (which serialises
 * every leaf) and again once Mercurius runs the compiled operation, and both
 * answers must be the same.
 */

/** Objects are expanded this many levels below the root field. */
const SELECTION_DEPTH = 6;

function isLeaf(type: GraphQLNamedType): boolean {
  return 'parseValue' in type;
}

/** Every field of `type` that can be asked for without arguments, down to `depth` levels. */
function selectionOf(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeaf(type)) return '';
  if (!('getFields' in type)) {
    // A union: each member's fields, behind an inline fragment.
    const members = schema.getPossibleTypes(
      type as Parameters<GraphQLSchema['getPossibleTypes']>[0],
    );
    return `{ __typename ${members
      .map((member) => `... on ${member.name} ${selectionOf(schema, member, depth)}`)
      .join(' ')} }`;
  }
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  const chosen = fields
    .filter((field) => !field.args.some((arg) => String(arg.type).endsWith('!')))
    .flatMap((field) => {
      const fieldType = namedTypeOf(field.type);
      if (isLeaf(fieldType)) return [field.name];
      if (depth <= 0) return [];
      return [`${field.name} ${selectionOf(schema, fieldType, depth - 1)}`];
    });
  return `{ __typename ${chosen.join(' ')} }`;
}

/** The operation asking `field` with `variables`, selecting everything below it. */
function fullOperation(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
): string {
  const args = field.args.filter((arg) => arg.name in variables);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `query${declarations ? ` (${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selectionOf(schema, namedTypeOf(field.type), SELECTION_DEPTH)} }`;
}

const isPostgresAvailable = await requirePostgres();

// On both drivers: pg hands some column types over as strings where PGlite gives numbers.
describe.each<TestDialect>(['pglite', 'postgres'])(
  'compiled GraphQL operations on %s',
  (dialect) => {
    const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;
    let server: TestServer;
    let demo: TestUser;
    let lastPosition: number;

    beforeAll(async () => {
      if (dialect === 'postgres' && !isPostgresAvailable) return;
      server = await startTestServer(dialect, {
        SEED_DEMO: 'true',
        DEMO_ACCOUNT_PASSWORD: 'threatloom-demo',
        // The full selections go deeper and cost more than a client's queries.
        GRAPHQL_MAX_DEPTH: '20',
        GRAPHQL_MAX_COST: '10000000',
      });
      const browser = new CookieBrowser();
      const answer = await signIn(browser, server, 'demo@threatloom.local', 'threatloom-demo');
      const data = answer.data?.signIn;
      if (!data) throw new Error(`demo sign-in failed: ${JSON.stringify(answer.errors)}`);
      demo = { userId: data.user.id, email: data.user.email, browser, csrfToken: data.csrfToken };
      // Lists that are empty on a fresh demo get one item each.
      await ok(
        server,
        demo,
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        { input: { name: 'ci', organisationId: DEMO_ORGANISATION_ID, roleCeiling: 'viewer' } },
      );
      await ok(
        server,
        demo,
        'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
        {
          input: {
            email: 'vendor@example.org',
            organisationId: DEMO_ORGANISATION_ID,
            role: 'editor',
          },
        },
      );
      lastPosition = await eventually(async () => {
        const history = await ok<{
          modelHistory: { edges: { node: { position: number } }[] };
        }>(
          server,
          demo,
          'query ($id: ID!) { modelHistory(modelId: $id) { edges { node { position } } } }',
          { id: DEMO_MODEL_ID },
        );
        const last = history.modelHistory.edges.at(-1)?.node.position;
        if (last === undefined) throw new Error('the demo model has no history yet');
        return last;
      }, 30_000);
    });
    afterAll(async () => server?.close());

    /** Variables of every query root field, naming the demo's resources. */
    function variablesOf(field: string): Record<string, unknown> | undefined {
      const table: Record<string, Record<string, unknown>> = {
        apiTokens: {},
        checklist: { modelId: DEMO_MODEL_ID },
        csrfToken: {},
        invitations: { organisationId: DEMO_ORGANISATION_ID },
        me: {},
        members: { organisationId: DEMO_ORGANISATION_ID },
        model: { id: DEMO_MODEL_ID },
        modelDiff: { modelId: DEMO_MODEL_ID, fromPosition: 0, toPosition: lastPosition },
        modelHistory: { modelId: DEMO_MODEL_ID },
        models: {},
        oidcProvider: { organisationId: DEMO_ORGANISATION_ID },
        organisation: { id: DEMO_ORGANISATION_ID },
        organisations: {},
        strideMatrix: { modelId: DEMO_MODEL_ID },
        system: { id: DEMO_SYSTEM_ID },
        systems: {},
        threats: { modelId: DEMO_MODEL_ID },
        verifyModelHistory: { modelId: DEMO_MODEL_ID },
      };
      return table[field];
    }

    run('names variables for every query root field', () => {
      const schema = server.app.get(GraphQLSchemaHost).schema;
      const missing = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter(
        (field) => variablesOf(field) === undefined,
      );
      expect(missing).toEqual([]);
    });

    run('gives the same answer compiled as interpreted, for every query root field', async () => {
      const schema = server.app.get(GraphQLSchemaHost).schema;
      const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
      expect(fields.length).toBeGreaterThan(10);
      for (const field of fields) {
        const variables = variablesOf(field.name) ?? {};
        const operation = fullOperation(schema, field, variables);
        const interpreted = await as(server, demo, operation, variables);
        expect(interpreted.errors, field.name).toBeUndefined();
        for (let run = 1; run < JIT_AFTER_EXECUTIONS; run += 1) {
          await as(server, demo, operation, variables);
        }
        const compiled = await as(server, demo, operation, variables);
        expect({ field: field.name, ...compiled.data }).toEqual({
          field: field.name,
          ...interpreted.data,
        });
        expect(compiled.errors, field.name).toBeUndefined();
      }
    });

    run('spells every enum value as its own name, so an unserialised value is the name', () => {
      const schema = server.app.get(GraphQLSchemaHost).schema;
      const mismatches = Object.values(schema.getTypeMap())
        .filter(
          (type): type is GraphQLEnumType => !type.name.startsWith('__') && 'getValues' in type,
        )
        .flatMap((type) =>
          type
            .getValues()
            .filter((value) => value.value !== value.name)
            .map((value) => `${type.name}.${value.name}`),
        );
      expect(mismatches).toEqual([]);
    });
  },
);
