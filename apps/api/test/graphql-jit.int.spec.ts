import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLEnumType, GraphQLField, GraphQLNamedType } from 'graphql';
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
import { namedTypeOf } from './tenancy/support/operations.js';
import { typedMutation } from './support/typed-model-client.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';

/**
 * Compiled operations hand leaf values out without the built-in scalar and enum
 * serialisers (JIT_COMPILER_OPTIONS). This suite shows that changes no answer:
 * every query root field, with every field below it that takes no required
 * argument, is asked of the demo data once in graphql-js (which serialises
 * every leaf) and again once Mercurius runs the compiled operation, and both
 * answers must be the same.
 */

/**
 * Page size asked of the model's history, so all of it is compared (the demo's
 * has over 100 events); every other list of the demo fits the default page.
 */
const PAGE = 200;

/** Objects are expanded this many levels below the root field. */
const SELECTION_DEPTH = 6;

function isLeaf(type: GraphQLNamedType): boolean {
  return 'parseValue' in type;
}

/**
 * Every field of `type` that can be asked for without arguments, down to
 * `depth` levels; adds each object type it selects to `reached`.
 */
function selectionOf(type: GraphQLNamedType, depth: number, reached: Set<string>): string {
  if (isLeaf(type)) return '';
  if (!('getFields' in type)) {
    // The schema has no unions; one would need its members' fields behind fragments.
    throw new Error(`selectionOf does not handle ${type.name} yet`);
  }
  reached.add(type.name);
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  const chosen = fields
    .filter((field) => !field.args.some((arg) => String(arg.type).endsWith('!')))
    .flatMap((field) => {
      const fieldType = namedTypeOf(field.type);
      if (isLeaf(fieldType)) return [field.name];
      if (depth <= 0) return [];
      return [`${field.name} ${selectionOf(fieldType, depth - 1, reached)}`];
    });
  return `{ __typename ${chosen.join(' ')} }`;
}

/** The operation asking `field` with `variables`, selecting everything below it. */
function fullOperation(
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  reached: Set<string>,
): string {
  const args = field.args.filter((arg) => arg.name in variables);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = selectionOf(namedTypeOf(field.type), SELECTION_DEPTH, reached);
  return `query${declarations ? ` (${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
}

/** The `__typename` of every object in `value`. */
function typenamesIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => typenamesIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '__typename' && typeof inner === 'string') found.add(inner);
      else typenamesIn(inner, found);
    }
  }
  return found;
}

/**
 * Object types the demo, with what this suite adds, holds no instance of, so
 * no value of theirs is compared: an OIDC configuration (its issuer must
 * answer discovery), a model risk matrix, a revoked risk decision, and a
 * broken hash chain (it takes tampering with the stored events).
 */
const TYPES_WITHOUT_DATA: readonly string[] = [
  'BrokenHistoryLink',
  // An intact history has no findings.
  'HistoryFinding',
  'HistoryLogFinding',
  'OidcProvider',
  'RiskDecisionRevocation',
  'RiskMatrix',
];

const isPostgresAvailable = await requirePostgres();

// On both drivers: pg hands some column types over as strings where PGlite gives numbers.
describe.each<TestDialect>(['pglite', 'postgres'])(
  'compiled GraphQL operations on %s',
  (dialect) => {
    const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;
    let server: TestServer;
    let demo: TestUser;
    let diffFrom: number;
    let diffTo: number;

    beforeAll(async () => {
      if (dialect === 'postgres' && !isPostgresAvailable) return;
      server = await startTestServer(dialect, {
        SEED_DEMO: 'true',
        DEMO_ACCOUNT_PASSWORD: 'threatloom-demo',
        // The full selections go deeper and cost more than a client's queries.
        GRAPHQL_MAX_DEPTH: '20',
        GRAPHQL_MAX_COST: '10000000',
        GRAPHQL_MAX_PAGE_SIZE: String(PAGE),
      });
      const browser = new CookieBrowser();
      const answer = await signIn(browser, server, 'demo@threatloom.local', 'threatloom-demo');
      const data = answer.data?.signIn;
      if (!data) throw new Error(`demo sign-in failed: ${JSON.stringify(answer.errors)}`);
      demo = {
        userId: data.user.id,
        email: data.user.email,
        browser,
        csrfToken: data.csrfToken,
        // Named, as the account also creates a second organisation below.
        organisationId: DEMO_ORGANISATION_ID,
      };
      await server.app.get(ProjectionRunner).caughtUp();
      // What the demo leaves empty gets an item of its own, so the answers'
      // types carry values: a token, an invitation, a share with a second
      // organisation, a mitigation with a numeric effectiveness and a stated
      // residual risk (then revised), a checklist attestation (made stale),
      // an attack tree with a leaf, a scope exclusion, a frozen and signed-off version.
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
      const vendor = await ok<{ createOrganisation: { id: string } }>(
        server,
        demo,
        'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        { input: { name: 'Sequencing vendor', slug: `vendor-${dialect}` } },
      );
      await ok(
        server,
        demo,
        'mutation ($s: ID!, $g: ID!) { shareSystem(systemId: $s, granteeOrganisationId: $g, role: auditor) { role } }',
        { s: DEMO_SYSTEM_ID, g: vendor.createOrganisation.id },
      );
      const firstThreat = await ok<{ threats: { edges: { node: { id: string } }[] } }>(
        server,
        demo,
        'query ($m: ID!) { threats(modelId: $m, first: 1) { edges { node { id } } } }',
        { m: DEMO_MODEL_ID },
      );
      const threatId = firstThreat.threats.edges[0]?.node.id;
      if (threatId === undefined) throw new Error('the demo model has no threats');
      const storedEvents = () => server.database.eventStore.readStream(`model-${DEMO_MODEL_ID}`);
      const lastStoredPosition = async () => (await storedEvents()).at(-1)?.position ?? 0;
      const command = async (name: string, input: Record<string, unknown>) => {
        await ok(server, demo, typedMutation(name), {
          modelId: DEMO_MODEL_ID,
          expectedVersion: (await storedEvents()).at(-1)?.streamVersion ?? -1,
          input,
        });
      };
      await command('planMitigation', {
        mitigationId: 'jit-mfa',
        threatIds: [threatId],
        strategies: ['mitigate'],
        action: 'Require a second factor',
        effectiveness: 0.8,
        residualRisk: { score: 2.5, severity: 'low' },
      });
      // An attestation the revision below makes stale, so its invalidation carries values.
      await command('attestChecklistItem', {
        item: 'clarity',
        verdict: 'pass',
        note: 'Read every threat of the register',
      });
      // The diff compared below runs from here, so the revision shows as a change.
      diffFrom = await lastStoredPosition();
      await command('reviseMitigation', { mitigationId: 'jit-mfa', owner: 'identity team' });
      await command('createAttackTree', {
        attackTreeId: 'jit-tree',
        threatId,
        rootNodeId: 'goal',
        rootKind: 'or',
        rootLabel: 'Sign in as a customer',
      });
      await command('addAttackTreeNode', {
        attackTreeId: 'jit-tree',
        parentNodeId: 'goal',
        nodeId: 'phish',
        kind: 'leaf',
        label: 'Phish the password',
        feasibility: 'high',
      });
      await command('excludeFromScope', {
        exclusionId: 'jit-lab',
        text: 'The sequencing lab is assessed by its operator',
        elementIds: ['sequencing-lab'],
      });
      await command('freezeModelVersion', { label: 'first review' });
      await command('signOffModelVersion', { versionNumber: 1 });
      await server.app.get(ProjectionRunner).caughtUp();
      diffTo = await lastStoredPosition();
    });
    afterAll(async () => server?.close());

    /** An answer without the instants that tell when it was computed (verifyModelHistory.verifiedAt). */
    function withoutClock(data: unknown): Record<string, unknown> {
      return JSON.parse(JSON.stringify(data ?? {}), (key, value: unknown) =>
        key === 'verifiedAt' ? 'now' : value,
      ) as Record<string, unknown>;
    }

    /** Variables of every query root field, naming the demo's resources. */
    function variablesOf(field: string): Record<string, unknown> | undefined {
      const table: Record<string, Record<string, unknown>> = {
        apiTokens: {},
        checklist: { modelId: DEMO_MODEL_ID },
        csrfToken: {},
        decisionLog: { modelId: DEMO_MODEL_ID, first: PAGE },
        decisionLogCsv: { modelId: DEMO_MODEL_ID },
        invitations: { organisationId: DEMO_ORGANISATION_ID },
        me: {},
        members: { organisationId: DEMO_ORGANISATION_ID },
        // As of a past point: the replayed lists go through the compiled path too (`models` reads the live ones).
        model: { id: DEMO_MODEL_ID, asOf: { position: diffTo } },
        modelDiff: { modelId: DEMO_MODEL_ID, fromPosition: diffFrom, toPosition: diffTo },
        modelHistory: { modelId: DEMO_MODEL_ID, first: PAGE },
        modelHistoryProof: { modelId: DEMO_MODEL_ID },
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
      const reached = new Set<string>();
      const seen = new Set<string>();
      for (const field of fields) {
        const variables = variablesOf(field.name) ?? {};
        const operation = fullOperation(field, variables, reached);
        const interpreted = await as(server, demo, operation, variables);
        expect(interpreted.errors, field.name).toBeUndefined();
        typenamesIn(interpreted.data, seen);
        // The first JIT_AFTER_EXECUTIONS executions run in graphql-js;
        // Mercurius compiles the operation at the next one and runs it compiled.
        for (let execution = 1; execution < JIT_AFTER_EXECUTIONS; execution += 1) {
          await as(server, demo, operation, variables);
        }
        const compiled = await as(server, demo, operation, variables);
        expect({ field: field.name, ...withoutClock(compiled.data) }).toEqual({
          field: field.name,
          ...withoutClock(interpreted.data),
        });
        expect(compiled.errors, field.name).toBeUndefined();
      }
      // Which object types carried values in the answers compared.
      expect([...reached].filter((type) => !seen.has(type)).sort()).toEqual(TYPES_WITHOUT_DATA);
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
