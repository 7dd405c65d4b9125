import {
  checkCheckpoint,
  compareCheckpoints,
  keyFingerprint,
  leafHashOf,
  merkleLeafHash,
  parsePublicKey,
  readPublicKeyFile,
  streamHeadEncoding,
  streamKey,
  verifyConsistency,
  verifyInclusion,
  type LedgerProofs,
  type SignedCheckpoint,
} from '@threatloom/eventstore';
import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { modelStreamId } from '../../src/model/model-stream.js';
import {
  startApiServer,
  testBackends,
  type ApiServer,
  type TestDatabase,
} from '../support/api-server.js';
import { createModelOwner, type ModelOwner } from '../support/model-owner.js';

const VERIFY = `query ($m: ID!) {
  verifyModelHistory(modelId: $m) {
    isIntact eventsChecked sealedEvents unsealedEvents headHash verifiedAt
    checkpoint { treeSize rootHash sealedAt keyId }
    findings { kind streamVersion position changes isSealed detail }
    logFindings { kind detail }
    brokenLinks { streamVersion reason }
  }
}`;

interface Verification {
  isIntact: boolean;
  sealedEvents: number;
  unsealedEvents: number;
  headHash: string | null;
  checkpoint: { treeSize: number; keyId: string } | null;
  findings: { kind: string; streamVersion: number; position: number | null; changes: string[] }[];
  logFindings: { kind: string }[];
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

for (const backend of await testBackends()) {
  describe.skipIf(!backend.isAvailable)(`the sealed event log (${backend.name})`, () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'threatloom-keys-')), 'checkpoint.pem');
    let database: TestDatabase;
    let server: ApiServer;
    let owner: ModelOwner;

    beforeAll(async () => {
      database = await backend.create();
      // A long interval: this suite seals when it says so (and at freezes).
      server = await startApiServer(database, {
        CHECKPOINT_KEY_FILE: keyFile,
        CHECKPOINT_INTERVAL_SECONDS: '3600',
      });
      owner = await createModelOwner(server);
    }, 120_000);

    afterAll(async () => {
      await server.close();
    });

    const ledger = () => server.app.get(LedgerService);

    /** Runs statements as the table owner with the append-only triggers off: an attacker with database access. */
    async function tamper(statement: string, values: unknown[]): Promise<void> {
      if (database.kind === 'postgres') {
        const client = new pg.Client({ connectionString: database.fixture.ownerUrl });
        await client.connect();
        try {
          await client.query('BEGIN');
          await client.query('ALTER TABLE events DISABLE TRIGGER events_reject_update_delete');
          await client.query(statement, values);
          await client.query('ALTER TABLE events ENABLE TRIGGER events_reject_update_delete');
          await client.query('COMMIT');
        } finally {
          await client.end();
        }
        return;
      }
      // PGlite's session user is the superuser the runtime role was set from.
      await server.database.db.transaction().execute(async (transaction) => {
        await sql`SET LOCAL ROLE postgres`.execute(transaction);
        await sql`SET LOCAL session_replication_role = replica`.execute(transaction);
        await sql.raw(statement.replace('$1', String(values[0]))).execute(transaction);
      });
    }

    it('generates its signing key outside the data and serves its public half to anyone', async () => {
      const { status, body } = await getJson(`${server.url}/.well-known/threatloom/checkpoint-key`);
      expect(status).toBe(200);
      const published = body as { current: { fingerprint: string; publicKey: string } };
      const fromFile = keyFingerprint(readPublicKeyFile(keyFile));
      expect(published.current.fingerprint).toBe(fromFile);
      expect(keyFingerprint(parsePublicKey(published.current.publicKey))).toBe(fromFile);
      expect(ledger().signingKey.fingerprint).toBe(fromFile);
    });

    it('seals at a version freeze before answering, and serves the checkpoint', async () => {
      const modelId = await owner.createThreatModel('Sealed at freeze');
      const frozen = await owner.graphql<{
        freezeModelVersion: { events: { position: number; type: string }[] };
      }>(
        `mutation ($m: ID!) { freezeModelVersion(modelId: $m, expectedVersion: 0, input: { label: "v1" }) { events { position type } } }`,
        { m: modelId },
      );
      expect(frozen.errors).toBeUndefined();
      const [event] = await server.database.eventStore.readStream(modelStreamId(modelId), {
        direction: 'backward',
        limit: 1,
      });
      const { status, body } = await getJson(`${server.url}/.well-known/threatloom/checkpoint`);
      expect(status).toBe(200);
      const checkpoint = body as SignedCheckpoint;
      expect(checkCheckpoint(checkpoint, ledger().trustedKeys)).toBeUndefined();
      expect(event?.type).toBe('ModelVersionFrozen');
      expect(
        compareCheckpoints(checkpoint.last ?? { transactionId: '0', position: 0 }, {
          transactionId: event?.transactionId ?? '0',
          position: event?.position ?? 0,
        }),
      ).toBeGreaterThanOrEqual(0);
      // The checkpoint names no stream, organisation or model.
      expect(JSON.stringify(checkpoint)).not.toContain(modelId);
      expect(JSON.stringify(checkpoint)).not.toContain(owner.organisationId);
    });

    it('verifies a model against the checkpoint, then names the sealed event a superuser deleted', async () => {
      const modelId = await owner.createThreatModel('To be tampered with');
      const renamed = await owner.graphql(
        `mutation ($m: ID!) { renameThreatModel(modelId: $m, expectedVersion: 0, input: { name: "Renamed" }) { streamVersion } }`,
        { m: modelId },
      );
      expect(renamed.errors).toBeUndefined();
      const before = await owner.graphql<{ verifyModelHistory: Verification }>(VERIFY, {
        m: modelId,
      });
      expect(before.errors).toBeUndefined();
      expect(before.data?.verifyModelHistory).toMatchObject({ isIntact: true });
      await ledger().sealThrough({ transactionId: '0', position: 0 });
      const [last] = await server.database.eventStore.readStream(modelStreamId(modelId), {
        direction: 'backward',
        limit: 1,
      });
      // Sealed once the seal has reached the rename.
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const latest = await ledger().latestCheckpoint();
        if (
          latest?.last &&
          compareCheckpoints(latest.last, {
            transactionId: last?.transactionId ?? '0',
            position: last?.position ?? 0,
          }) >= 0
        )
          break;
        await ledger().seal();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const sealed = await owner.graphql<{ verifyModelHistory: Verification }>(VERIFY, {
        m: modelId,
      });
      expect(sealed.data?.verifyModelHistory).toMatchObject({
        isIntact: true,
        sealedEvents: 2,
        unsealedEvents: 0,
        checkpoint: { keyId: ledger().signingKey.fingerprint },
      });

      await tamper('DELETE FROM events WHERE position = $1', [last?.position]);

      const after = await owner.graphql<{ verifyModelHistory: Verification }>(VERIFY, {
        m: modelId,
      });
      expect(after.errors).toBeUndefined();
      expect(after.data?.verifyModelHistory.isIntact).toBe(false);
      expect(after.data?.verifyModelHistory.findings).toEqual([
        expect.objectContaining({
          kind: 'deleted',
          streamVersion: 1,
          position: last?.position,
          isSealed: true,
        }),
      ]);
    });

    const hex = (text: string) => Buffer.from(text, 'hex');

    it('proves to anyone that the log only grew since a checkpoint they hold', async () => {
      await owner.createThreatModel('Before the held checkpoint');
      const held = (await ledger().seal()) ?? (await ledger().latestCheckpoint());
      await owner.createThreatModel('After the held checkpoint');
      await ledger().seal();
      const { status, body } = await getJson(
        `${server.url}/.well-known/threatloom/consistency?from=${held?.treeSize}`,
      );
      expect(status).toBe(200);
      const proof = body as { checkpoint: SignedCheckpoint; oldSize: number; path: string[] };
      expect(proof.checkpoint.treeSize).toBeGreaterThan(held?.treeSize ?? 0);
      expect(
        verifyConsistency(
          proof.oldSize,
          proof.checkpoint.treeSize,
          hex(held?.rootHash ?? ''),
          hex(proof.checkpoint.rootHash),
          proof.path.map(hex),
        ),
      ).toBe(true);
      for (const from of ['', 'ten', '-1', '1.5', String(proof.checkpoint.treeSize + 10 ** 6)]) {
        const refused = await getJson(
          `${server.url}/.well-known/threatloom/consistency?from=${encodeURIComponent(from)}`,
        );
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ error: { code: 'VALIDATION', field: 'from' } });
      }
    });

    it("gives an auditor the inclusion proof of every event of a model and of its head, and no other stream's", async () => {
      const modelId = await owner.createThreatModel('Proved');
      const answer = await owner.graphql<{ modelHistoryProof: LedgerProofs }>(
        `query ($m: ID!) { modelHistoryProof(modelId: $m) }`,
        { m: modelId },
      );
      expect(answer.errors).toBeUndefined();
      const proofs = answer.data?.modelHistoryProof as LedgerProofs;
      const events = await server.database.eventStore.readStream(modelStreamId(modelId));
      expect(checkCheckpoint(proofs.checkpoint, ledger().trustedKeys)).toBeUndefined();
      expect(proofs.inclusions.map((inclusion) => inclusion.leaf.eventHash)).toEqual(
        events.map((event) => event.hash),
      );
      for (const inclusion of proofs.inclusions) {
        expect(inclusion.leaf.streamId).toBe(modelStreamId(modelId));
        expect(
          verifyInclusion(
            hex(leafHashOf(inclusion.leaf)),
            inclusion.leafIndex,
            proofs.checkpoint.treeSize,
            inclusion.path.map(hex),
            hex(proofs.checkpoint.rootHash),
          ),
        ).toBe(true);
      }
      const [head] = proofs.streamHeads;
      expect(head?.head).toEqual({
        key: streamKey(modelStreamId(modelId)),
        streamVersion: events.length - 1,
        eventHash: events.at(-1)?.hash,
      });
      expect(
        verifyInclusion(
          merkleLeafHash(streamHeadEncoding(head!.head)),
          head!.index,
          proofs.checkpoint.streamHeads.treeSize,
          head!.path.map(hex),
          hex(proofs.checkpoint.streamHeads.rootHash),
        ),
      ).toBe(true);
    });
  });
}
