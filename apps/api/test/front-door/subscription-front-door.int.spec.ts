import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import {
  subscribe,
  wsClientFor,
  type SubscriptionProbe,
} from '../tenancy/support/graphql-ws-client.js';
import { ok } from '../tenancy/support/tenancy-actors.js';
import {
  eventually,
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from '../tenancy/support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const MODEL_CHANGED = 'subscription ($m: ID!) { modelChanged(modelId: $m) { type } }';
const RENAME =
  'mutation ($m: ID!, $v: Int!, $input: RenameThreatModelInput!) { renameThreatModel(modelId: $m, expectedVersion: $v, input: $input) { streamVersion } }';
const REVOKE =
  'mutation ($s: ID!, $g: ID!) { revokeSystemShare(systemId: $s, granteeOrganisationId: $g) }';

interface CloseLike {
  code?: number;
  reason?: string;
}

/** Waits until the subscription ended, failing after `timeoutMs`. */
async function ended(probe: SubscriptionProbe, timeoutMs = 5000): Promise<CloseLike> {
  await Promise.race([
    probe.ended,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('subscription still open')), timeoutMs),
    ),
  ]);
  return probe.error as CloseLike;
}

function frontDoorSpec(dialect: TestDialect) {
  describe(`subscriptions at the front door on ${dialect}`, () => {
    let server: TestServer;
    let owner: TestOrganisation;
    let vendor: TestOrganisation;
    let systemId: string;
    let modelId: string;

    /** Renames the model as its owner until `probe` has seen an event (the subscription is live). */
    async function untilLive(probe: SubscriptionProbe): Promise<void> {
      await eventually(async () => {
        await renameAsOwner(`live ${Date.now()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return probe.next.length > 0;
      });
    }

    /** Renames the model as its owner through the real mutation, at the stream's current version. */
    async function renameAsOwner(name: string): Promise<void> {
      const stored = await server.database.eventStore.readStream(`model-${modelId}`);
      await ok(server, owner.admin, RENAME, {
        m: modelId,
        v: stored.length - 1,
        input: { name },
      });
    }

    beforeAll(async () => {
      server = await startTestServer(dialect);
      owner = await newOrganisation(server, 'owner');
      vendor = await newOrganisation(server, 'vendor');
      systemId = await newSystem(server, owner, 'Shared platform');
      modelId = await newModel(server, owner, systemId, 'Shared model');
      await share(server, owner, systemId, vendor.id, 'viewer');
    });
    afterAll(async () => server?.close());

    it('refuses a cookie connection from a foreign Origin with 4403 and sends it nothing', async () => {
      const probe = subscribe(
        wsClientFor(server, vendor.admin, { origin: 'https://evil.example' }),
        MODEL_CHANGED,
        { m: modelId },
      );
      const closed = await ended(probe);
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/Origin/);
      await renameAsOwner('while refused');
      expect(probe.next).toEqual([]);
      await probe.dispose();
    });

    it('refuses a cookie connection without the CSRF token in connection_init with 4403', async () => {
      const probe = subscribe(
        wsClientFor(server, vendor.admin, { csrfToken: null }),
        MODEL_CHANGED,
        { m: modelId },
      );
      const closed = await ended(probe);
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/csrfToken/);
      expect(probe.next).toEqual([]);
      await probe.dispose();
    });

    it('refuses a cookie connection with another session’s CSRF token', async () => {
      const probe = subscribe(
        wsClientFor(server, vendor.admin, { csrfToken: owner.admin.csrfToken }),
        MODEL_CHANGED,
        { m: modelId },
      );
      expect((await ended(probe)).code).toBe(4403);
      await probe.dispose();
    });

    it('refuses a cookie connection that names no Origin', async () => {
      const probe = subscribe(wsClientFor(server, vendor.admin, { origin: null }), MODEL_CHANGED, {
        m: modelId,
      });
      const closed = await ended(probe);
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/Origin header/);
      await probe.dispose();
    });

    it('serves a cookie connection from an allowed Origin with the session’s CSRF token', async () => {
      const probe = subscribe(wsClientFor(server, vendor.admin), MODEL_CHANGED, { m: modelId });
      await untilLive(probe);
      expect(probe.error).toBeUndefined();
      await probe.dispose();
    });

    it('serves an API-token connection without a CSRF token', async () => {
      const created = await ok<{ createApiToken: { secret: string } }>(
        server,
        owner.admin,
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        { input: { name: 'watcher', organisationId: owner.id, roleCeiling: 'viewer' } },
      );
      const token = created.createApiToken.secret;
      const client = await import('graphql-ws').then(({ createClient }) =>
        createClient({
          url: `${server.baseUrl.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: class extends WebSocket {
            constructor(address: string | URL, protocols?: string | string[]) {
              super(address, protocols, { headers: { authorization: `Bearer ${token}` } });
            }
          },
          retryAttempts: 0,
          lazy: true,
        }),
      );
      const probe = subscribe(client, MODEL_CHANGED, { m: modelId });
      await untilLive(probe);
      expect(probe.error).toBeUndefined();
      await probe.dispose();
    });

    it('closes a subscription whose share is revoked with a real 4403 close frame', async () => {
      const probe = subscribe(wsClientFor(server, vendor.admin), MODEL_CHANGED, { m: modelId });
      await untilLive(probe);
      await ok(server, owner.admin, REVOKE, { s: systemId, g: vendor.id });
      const closed = await ended(probe);
      expect(closed.code).toBe(4403);
      expect(closed.reason).toBe('Forbidden: access was revoked');
      await probe.dispose();
    });
  });
}

frontDoorSpec('pglite');
describe.skipIf(!isPostgresAvailable)('PostgreSQL', () => frontDoorSpec('postgres'));
