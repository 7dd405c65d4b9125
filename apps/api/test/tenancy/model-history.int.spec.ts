import { requirePostgres } from '@threatloom/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { as, ok } from './support/tenancy-actors.js';
import {
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const HISTORY = `query ($m: ID!, $first: Int, $after: String) {
  modelHistory(modelId: $m, first: $first, after: $after) {
    totalCount
    edges { node { streamVersion position type actor organisation data previousHash hash } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = `query ($m: ID!) {
  verifyModelHistory(modelId: $m) {
    isIntact eventsChecked headHash brokenLink { streamVersion reason }
  }
}`;
const RENAME = `mutation ($m: ID!, $v: Int!, $name: String!) {
  renameThreatModel(modelId: $m, expectedVersion: $v, input: { name: $name }) { streamVersion }
}`;

interface HistoryPage {
  modelHistory: {
    totalCount: number;
    edges: {
      node: {
        streamVersion: number;
        type: string;
        actor: string;
        organisation: string;
        data: Record<string, unknown>;
        previousHash: string;
        hash: string;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

function historySpec(dialect: TestDialect) {
  describe(`a model's audit history on ${dialect}`, () => {
    let server: TestServer;
    let owner: TestOrganisation;
    let regulator: TestOrganisation;
    let vendor: TestOrganisation;
    let modelId: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      owner = await newOrganisation(server, 'agency');
      regulator = await newOrganisation(server, 'regulator');
      vendor = await newOrganisation(server, 'vendor');
      const systemId = await newSystem(server, owner, 'Research environment');
      modelId = await newModel(server, owner, systemId, 'Data enclave');
      for (const [version, name] of ['Enclave', 'Secure enclave'].entries()) {
        await ok(server, owner.admin, RENAME, { m: modelId, v: version, name });
      }
      await share(server, owner, systemId, regulator.id, 'auditor');
      await share(server, owner, systemId, vendor.id, 'viewer');
    });
    afterAll(async () => server?.close());

    it('shows an auditor every event with its actor, organisation and hash chain, page by page', async () => {
      const first = await ok<HistoryPage>(server, regulator.admin, HISTORY, {
        m: modelId,
        first: 2,
      });
      expect(first.modelHistory.totalCount).toBe(3);
      expect(first.modelHistory.pageInfo.hasNextPage).toBe(true);
      const second = await ok<HistoryPage>(server, regulator.admin, HISTORY, {
        m: modelId,
        first: 2,
        after: first.modelHistory.pageInfo.endCursor,
      });
      expect(second.modelHistory.pageInfo.hasNextPage).toBe(false);

      const events = [...first.modelHistory.edges, ...second.modelHistory.edges].map(
        (edge) => edge.node,
      );
      expect(events.map((event) => [event.streamVersion, event.type])).toEqual([
        [0, 'ThreatModelCreated'],
        [1, 'ThreatModelRenamed'],
        [2, 'ThreatModelRenamed'],
      ]);
      expect(events[2]?.data).toMatchObject({ name: 'Secure enclave' });
      expect(new Set(events.map((event) => event.actor))).toEqual(new Set([owner.admin.userId]));
      expect(new Set(events.map((event) => event.organisation))).toEqual(new Set([owner.id]));
      expect(events[0]?.previousHash).toBe('0'.repeat(64));
      expect(events[1]?.previousHash).toBe(events[0]?.hash);
      expect(events[2]?.previousHash).toBe(events[1]?.hash);
    });

    it('verifies the chain for an auditor and names the first broken link after tampering', async () => {
      const intact = await ok<{
        verifyModelHistory: { isIntact: boolean; eventsChecked: number; headHash: string };
      }>(server, regulator.admin, VERIFY, { m: modelId });
      expect(intact.verifyModelHistory).toMatchObject({ isIntact: true, eventsChecked: 3 });
      const history = await ok<HistoryPage>(server, regulator.admin, HISTORY, { m: modelId });
      expect(intact.verifyModelHistory.headHash).toBe(history.modelHistory.edges.at(-1)?.node.hash);
    });

    it('refuses the history to a viewer share (FORBIDDEN) and to a stranger (NOT_FOUND)', async () => {
      const viewer = await as(server, vendor.admin, HISTORY, { m: modelId });
      expect(viewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(viewer.data?.modelHistory ?? null).toBeNull();
      const stranger = await newOrganisation(server, 'stranger');
      for (const query of [HISTORY, VERIFY]) {
        const answer = await as(server, stranger.admin, query, { m: modelId });
        expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      }
    });

    it('answers a malformed cursor with VALIDATION on after', async () => {
      const answer = await as(server, regulator.admin, HISTORY, { m: modelId, after: 'nonsense' });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: 'after' });
    });

    if (dialect === 'postgres') {
      it('reports the tampered event when a superuser changes one stored byte', async () => {
        const [target] = await server.database.eventStore.readStream(`model-${modelId}`, {
          fromVersion: 1,
          limit: 1,
        });
        // Given a superuser who edits one stored event behind the application's back
        const superuser = new pg.Client({ connectionString: server.ownerUrl ?? '' });
        await superuser.connect();
        try {
          await superuser.query('ALTER TABLE events DISABLE TRIGGER events_reject_update_delete');
          await superuser.query(
            `UPDATE events SET data = jsonb_set(data, '{name}', '"Enclavf"') WHERE position = $1`,
            [target?.position],
          );
          await superuser.query('ALTER TABLE events ENABLE TRIGGER events_reject_update_delete');
        } finally {
          await superuser.end();
        }
        const answer = await ok<{
          verifyModelHistory: {
            isIntact: boolean;
            brokenLink: { streamVersion: number; reason: string } | null;
          };
        }>(server, regulator.admin, VERIFY, { m: modelId });
        expect(answer.verifyModelHistory).toMatchObject({
          isIntact: false,
          brokenLink: { streamVersion: 1, reason: 'hash_mismatch' },
        });
      });
    }
  });
}

historySpec('pglite');
if (isPostgresAvailable) historySpec('postgres');
