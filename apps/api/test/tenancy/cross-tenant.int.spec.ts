import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { subscribe, wsClientFor } from './support/graphql-ws-client.js';
import {
  operationFor,
  rootFields,
  swapIds,
  withoutIds,
  type RootField,
} from './support/operations.js';
import { rootFieldTable, type TenantResourceIds } from './support/root-field-table.js';
import { as, ok, type TestUser } from './support/tenancy-actors.js';
import {
  addMember,
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

interface World {
  a: TestOrganisation;
  aIds: TenantResourceIds;
  aViewer: TestUser;
  b: TestOrganisation;
  auditor: TestOrganisation;
}

async function arrange(server: TestServer): Promise<World> {
  const a = await newOrganisation(server, 'acme');
  const b = await newOrganisation(server, 'bravo');
  const auditor = await newOrganisation(server, 'regulator');
  const system = await newSystem(server, a, 'Acme platform');
  const model = await newModel(server, a, system, 'Acme web app');
  const member = await addMember(server, a, 'editor');
  const aViewer = await addMember(server, a, 'viewer');
  await share(server, a, system, auditor.id, 'auditor');
  const invited = await ok<{ inviteMember: { id: string } }>(
    server,
    a.admin,
    'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
    { input: { organisationId: a.id, email: 'pending@example.test', role: 'viewer' } },
  );
  const token = await ok<{ createApiToken: { apiToken: { id: string } } }>(
    server,
    a.admin,
    'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } } }',
    { input: { organisationId: a.id, name: 'ci', roleCeiling: 'viewer' } },
  );
  return {
    a,
    b,
    auditor,
    aViewer,
    aIds: {
      organisation: a.id,
      system,
      model,
      invitation: invited.inviteMember.id,
      member: member.userId,
      apiToken: token.createApiToken.apiToken.id,
    },
  };
}

/** The same ids, each replaced by a fresh random uuid: what "does not exist" looks like. */
function randomCounterparts(ids: TenantResourceIds): Map<string, string> {
  return new Map(Object.values(ids).map((id) => [id, randomUUID()]));
}

async function call(
  server: TestServer,
  user: TestUser,
  root: RootField,
  variables: Record<string, unknown>,
) {
  if (root.operation !== 'subscription')
    return as(server, user, operationFor(root, variables), variables);
  const probe = subscribe(wsClientFor(server, user), operationFor(root, variables), variables);
  await Promise.race([probe.ended, new Promise((resolve) => setTimeout(resolve, 3000))]);
  await probe.dispose();
  return { data: probe.next, errors: probe.error };
}

/** NOT_FOUND by code, whether the error came back over HTTP or over graphql-ws. */
function isNotFoundStyle(answer: { errors?: unknown }): boolean {
  return errorCodeOf(answer) === 'NOT_FOUND';
}

function errorCodeOf(answer: { errors?: unknown }): unknown {
  const errors = answer.errors as { extensions?: { code?: unknown } }[] | undefined;
  return Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
}

/**
 * The cross-tenant suite, generated from the built schema: every root field
 * must be in the argument table; every field that takes a tenant's ids is
 * called by a stranger organisation with the owner's ids and with random ids,
 * and both answers must be the same NOT_FOUND.
 */
async function crossTenantSpec(dialect: TestDialect) {
  const server = await startTestServer(dialect);
  const schema = server.app.get(GraphQLSchemaHost).schema;
  const fields = rootFields(schema);

  describe(`cross-tenant isolation on ${dialect}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await arrange(server);
    });
    afterAll(async () => server.close());

    it('has an entry in the argument table for every query, mutation and subscription', () => {
      const unclassified = fields.map((root) => root.key).filter((key) => !(key in rootFieldTable));
      expect(unclassified).toEqual([]);
    });

    for (const root of fields) {
      const entry = rootFieldTable[root.key];
      if (entry?.kind === 'tenant') {
        it(`${root.key}: another organisation asking for A's ids gets the answer a random id gets`, async () => {
          const asked = entry.variables(world.aIds, { organisation: world.b.id });
          const random = swapIds(asked, randomCounterparts(world.aIds));
          const forA = await call(server, world.b.admin, root, asked);
          const forRandom = await call(server, world.b.admin, root, random);
          expect(isNotFoundStyle(forA), JSON.stringify(forA.errors)).toBe(true);
          expect(withoutIds(forA.errors)).toEqual(withoutIds(forRandom.errors));
          expect(withoutIds(forA.data)).toEqual(withoutIds(forRandom.data));
        });

        if (root.operation === 'query') {
          it(`${root.key}: the owner reads the same ids (so the refusal above is about access)`, async () => {
            const answer = await call(
              server,
              world.a.admin,
              root,
              entry.variables(world.aIds, { organisation: world.a.id }),
            );
            expect(answer.errors).toBeUndefined();
          });
        }

        if (root.operation === 'mutation' && entry.asOwnerViewer !== undefined) {
          it(`${root.key}: a viewer of the owner organisation cannot do it (${entry.asOwnerViewer})`, async () => {
            const answer = await call(
              server,
              world.aViewer,
              root,
              entry.variables(world.aIds, { organisation: world.a.id }),
            );
            expect(errorCodeOf(answer)).toBe(entry.asOwnerViewer);
          });
        }

        if (root.operation === 'mutation' && entry.asAuditor !== undefined) {
          it(`${root.key}: an auditor organisation cannot do it (${entry.asAuditor})`, async () => {
            const answer = await call(
              server,
              world.auditor.admin,
              root,
              entry.variables(world.aIds, { organisation: world.auditor.id }),
            );
            expect(errorCodeOf(answer)).toBe(entry.asAuditor);
          });
        }
      }

      if (entry?.kind === 'list') {
        it(`${root.key}: another organisation's list mentions none of A's ids`, async () => {
          const answer = await as(server, world.b.admin, operationFor(root, {}, entry.selection));
          expect(answer.errors).toBeUndefined();
          const text = JSON.stringify(answer.data);
          for (const id of Object.values(world.aIds)) expect(text).not.toContain(id);
        });
      }
    }
  });
}

await crossTenantSpec('pglite');
if (isPostgresAvailable) await crossTenantSpec('postgres');
else describe.skip('cross-tenant isolation on postgres (PostgreSQL unreachable)', () => undefined);
