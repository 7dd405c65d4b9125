import { createPostgresTestDatabase, type PostgresTestDatabase } from '@threatloom/testkit';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/database/open-database.js';
import type { EventStoreTables } from '../src/database/schema.js';
import type { StoredEvent } from '../src/event.js';
import { EventStore } from '../src/event-store.js';
import { computeEventHash } from '../src/hashing/event-hash.js';
import { IllegalState } from '../src/errors.js';
import { checkCheckpoint, type SignedCheckpoint } from '../src/ledger/checkpoint.js';
import { leafHashOf } from '../src/ledger/ledger-leaf.js';
import { proveConsistency, proveStreams } from '../src/ledger/ledger-proofs.js';
import { merkleRoot, verifyConsistency, verifyInclusion } from '../src/ledger/merkle.js';
import { sealLedger } from '../src/ledger/seal-ledger.js';
import { verifyLedger, type LedgerVerification } from '../src/ledger/verify-ledger.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';
import { availableBackends, untilReadable, type BackendKind } from './backends.js';
import { newEvent, newEvents, newStreamId } from './events.js';

const { privateKey: SIGNING_KEY, publicKey: PUBLIC_KEY } = generateKeyPairSync('ed25519');
const OTHER_KEY = generateKeyPairSync('ed25519');

interface Fixture {
  database: Database;
  store: EventStore;
  db: Kysely<EventStoreTables>;
}

/** Runs statements as the superuser with triggers off, the way an attacker with database access would. */
async function tamper(db: Kysely<EventStoreTables>, ...statements: RawBuilder<unknown>[]) {
  await db.transaction().execute(async (transaction) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(transaction);
    for (const statement of statements) await statement.execute(transaction);
  });
}

describe.each(await availableBackends())('the sealed log on $kind', ({ kind }) => {
  const opened: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of opened.splice(0)) await close();
  });

  /** A fresh migrated database per test: tampering with one must not leak into the next. */
  async function fresh(backend: BackendKind = kind): Promise<Fixture> {
    let postgres: PostgresTestDatabase | undefined;
    const database =
      backend === 'postgres'
        ? await openDatabase({ url: (postgres = await createPostgresTestDatabase()).url })
        : await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db, eventStoreMigrations);
    const store = new EventStore(database);
    opened.push(async () => {
      await store.close();
      await database.close();
      await postgres?.drop();
    });
    return { database, store, db: database.db };
  }

  async function appendStream(fixture: Fixture, count: number): Promise<StoredEvent[]> {
    const stored = await fixture.store.append(newStreamId(), newEvents(count), {
      expectedVersion: 'no_stream',
    });
    await untilReadable(fixture.store, (stored.at(-1) as StoredEvent).position);
    return stored;
  }

  const seal = (fixture: Fixture) => sealLedger(fixture.db, { signingKey: SIGNING_KEY });
  const verify = (fixture: Fixture, streamIds: string[] | null = null, checkpoint?: unknown) =>
    verifyLedger(fixture.db, {
      trustedKeys: [PUBLIC_KEY],
      streamIds,
      ...(checkpoint === undefined ? {} : { checkpoint }),
    });
  const findingsOf = (report: LedgerVerification) =>
    report.eventFindings.map((finding) => ({
      kind: finding.kind,
      streamVersion: finding.streamVersion,
      position: finding.position,
      changes: finding.changes,
    }));

  it('seals nothing on an empty store, then every event in global order, signed', async () => {
    const fixture = await fresh();
    expect(await seal(fixture)).toBeUndefined();
    const a = await appendStream(fixture, 3);
    const b = await appendStream(fixture, 2);
    const checkpoint = (await seal(fixture)) as SignedCheckpoint;
    expect(checkpoint.treeSize).toBe(5);
    expect(checkCheckpoint(checkpoint, [PUBLIC_KEY])).toBeUndefined();
    expect(checkCheckpoint(checkpoint, [OTHER_KEY.publicKey])).toMatchObject({
      kind: 'untrusted_key',
    });
    expect(checkCheckpoint({ ...checkpoint, treeSize: 4 }, [PUBLIC_KEY])).toMatchObject({
      kind: 'bad_signature',
    });
    // The root is the RFC 9162 root of the leaves of the events in global order.
    const leaves = [...a, ...b].map((event) =>
      Buffer.from(
        leafHashOf({
          streamId: event.streamId,
          streamVersion: event.streamVersion,
          position: event.position,
          transactionId: event.transactionId,
          recordedAt: event.recordedAt.toISOString().replace('Z', '000Z'),
          eventHash: event.hash,
        }),
        'hex',
      ),
    );
    expect(checkpoint.rootHash).toBe(merkleRoot(leaves).toString('hex'));
    expect(await seal(fixture)).toBeUndefined();
    const report = await verify(fixture);
    expect(report).toMatchObject({
      isIntact: true,
      sealedEvents: 5,
      unsealedEvents: 0,
      eventFindings: [],
      logFindings: [],
      brokenLinks: [],
    });
  });

  it('proves that a later checkpoint only appended to an earlier one, and each event is in it', async () => {
    const fixture = await fresh();
    const first = await appendStream(fixture, 3);
    const old = (await seal(fixture)) as SignedCheckpoint;
    await appendStream(fixture, 4);
    const latest = (await seal(fixture)) as SignedCheckpoint;
    const consistency = await proveConsistency(fixture.db, old.treeSize);
    expect(
      verifyConsistency(
        old.treeSize,
        latest.treeSize,
        Buffer.from(old.rootHash, 'hex'),
        Buffer.from(latest.rootHash, 'hex'),
        consistency.path.map((node) => Buffer.from(node, 'hex')),
      ),
    ).toBe(true);
    const proofs = await proveStreams(fixture.db, [first[0]?.streamId as string]);
    expect(proofs.inclusions).toHaveLength(3);
    for (const inclusion of proofs.inclusions) {
      expect(
        verifyInclusion(
          Buffer.from(leafHashOf(inclusion.leaf), 'hex'),
          inclusion.leafIndex,
          latest.treeSize,
          inclusion.path.map((node) => Buffer.from(node, 'hex')),
          Buffer.from(latest.rootHash, 'hex'),
        ),
      ).toBe(true);
    }
    expect(proofs.streamHeads).toEqual([
      expect.objectContaining({ head: expect.objectContaining({ streamVersion: 2 }) }),
    ]);
    // An auditor holding the older checkpoint finds today's store consistent with it.
    expect(await verify(fixture, null, old)).toMatchObject({ isIntact: true });
  });

  it('names the deleted last event of a stream', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 3);
    await seal(fixture);
    const last = events[2] as StoredEvent;
    await tamper(fixture.db, sql`DELETE FROM events WHERE position = ${last.position}`);
    const report = await verify(fixture);
    expect(report.isIntact).toBe(false);
    expect(findingsOf(report)).toEqual([
      { kind: 'deleted', streamVersion: 2, position: last.position, changes: [] },
    ]);
    // Scoped to the model, the same.
    expect(findingsOf(await verify(fixture, [last.streamId]))).toEqual(findingsOf(report));
  });

  it('names every event of a deleted stream', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 3);
    await appendStream(fixture, 2);
    await seal(fixture);
    const streamId = events[0]?.streamId as string;
    await tamper(fixture.db, sql`DELETE FROM events WHERE stream_id = ${streamId}`);
    for (const scope of [null, [streamId]]) {
      const report = await verify(fixture, scope);
      expect(findingsOf(report)).toEqual(
        events.map((event) => ({
          kind: 'deleted',
          streamVersion: event.streamVersion,
          position: event.position,
          changes: [],
        })),
      );
    }
  });

  /** Inserts a forged event at `version` of the stream, shifting the rest up; re-chains them when asked. */
  async function forge(fixture: Fixture, events: StoredEvent[], version: number, rechain: boolean) {
    const streamId = events[0]?.streamId as string;
    const previous = events[version - 1] as StoredEvent;
    const forged = {
      ...newEvent('RiskAccepted', { rationale: 'forged' }),
      streamId,
      streamVersion: version,
      eventId: randomUUID(),
      schemaVersion: 1,
      recordedAt: new Date(previous.recordedAt.getTime() + 1),
    };
    const forgedHash = computeEventHash(previous.hash, forged);
    const statements: RawBuilder<unknown>[] = [
      // Shift the later versions up (through a far range, so no two collide on the way).
      sql`UPDATE events SET stream_version = stream_version + 1000001 WHERE stream_id = ${streamId} AND stream_version >= ${version}`,
      sql`UPDATE events SET stream_version = stream_version - 1000000 WHERE stream_id = ${streamId} AND stream_version > 1000000`,
      sql`INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
          VALUES (${streamId}, ${version}, ${forged.eventId}::uuid, ${forged.type}, 1, ${JSON.stringify(forged.data)}::jsonb,
                  ${JSON.stringify(forged.metadata)}::jsonb, ${forged.recordedAt.toISOString()}::timestamptz, ${previous.hash}, ${forgedHash})`,
    ];
    if (rechain) {
      let previousHash = forgedHash;
      for (const original of events.slice(version)) {
        const hash = computeEventHash(previousHash, {
          ...original,
          streamVersion: original.streamVersion + 1,
        });
        statements.push(
          sql`UPDATE events SET previous_hash = ${previousHash}, hash = ${hash} WHERE position = ${original.position}`,
        );
        previousHash = hash;
      }
    }
    await tamper(fixture.db, ...statements);
    const [row] = (
      await sql<{
        position: string;
      }>`SELECT position FROM events WHERE event_id = ${forged.eventId}::uuid`.execute(fixture.db)
    ).rows;
    return Number(row?.position);
  }

  it('names a forged event inserted mid-stream with everything after it re-chained', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 5);
    await seal(fixture);
    const forgedPosition = await forge(fixture, events, 2, true);
    const report = await verify(fixture);
    // The chain alone holds: only the checkpoint can tell.
    expect(report.brokenLinks).toEqual([]);
    expect(findingsOf(report)).toEqual([
      { kind: 'inserted', streamVersion: 2, position: forgedPosition, changes: [] },
      ...events.slice(2).map((event) => ({
        kind: 'reordered',
        streamVersion: event.streamVersion + 1,
        position: event.position,
        changes: ['streamVersion', 'hash'],
      })),
    ]);
  });

  it('names a forged event with a valid hash at its own version, not one late', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 4);
    await seal(fixture);
    const forgedPosition = await forge(fixture, events, 1, false);
    const report = await verify(fixture);
    expect(report.eventFindings[0]).toMatchObject({
      kind: 'inserted',
      streamVersion: 1,
      position: forgedPosition,
    });
    // The originals it pushed up kept their content; only their version moved.
    expect(report.eventFindings.slice(1).map((finding) => finding.kind)).toEqual([
      'reordered',
      'reordered',
      'reordered',
    ]);
  });

  it('names every tampered event of a stream, not only the first', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 6);
    await seal(fixture);
    await tamper(
      fixture.db,
      sql`UPDATE events SET data = '{"index": 99}'::jsonb WHERE position IN (${events[1]?.position}, ${events[4]?.position})`,
    );
    const report = await verify(fixture);
    expect(findingsOf(report)).toEqual([
      { kind: 'altered', streamVersion: 1, position: events[1]?.position, changes: ['content'] },
      { kind: 'altered', streamVersion: 4, position: events[4]?.position, changes: ['content'] },
    ]);
    expect(report.brokenLinks.map((link) => [link.streamVersion, link.reason])).toEqual([
      [1, 'hash_mismatch'],
      [4, 'hash_mismatch'],
    ]);
  });

  it('names an event whose recorded time moved by one microsecond', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 2);
    await seal(fixture);
    await tamper(
      fixture.db,
      sql`UPDATE events SET recorded_at = recorded_at + interval '1 microsecond' WHERE position = ${events[1]?.position}`,
    );
    const report = await verify(fixture);
    // The event's own hash covers milliseconds, so its chain holds; its leaf covers what is stored.
    expect(report.brokenLinks).toEqual([]);
    expect(findingsOf(report)).toEqual([
      { kind: 'altered', streamVersion: 1, position: events[1]?.position, changes: ['recordedAt'] },
    ]);
  });

  it("finds an event whose transaction id was moved out of every reader's sight", async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 2);
    await seal(fixture);
    await tamper(
      fixture.db,
      sql`UPDATE events SET transaction_id = '9000000000000000000'::xid8 WHERE position = ${events[0]?.position}`,
    );
    expect(await fixture.store.readAll()).not.toContainEqual(
      expect.objectContaining({ position: events[0]?.position }),
    );
    const report = await verify(fixture);
    expect(findingsOf(report)).toEqual([
      {
        kind: 'reordered',
        streamVersion: 0,
        position: events[0]?.position,
        changes: ['transactionId'],
      },
    ]);
  });

  it('names a changed global position', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 2);
    await seal(fixture);
    await tamper(
      fixture.db,
      sql`ALTER TABLE events ALTER COLUMN position DROP IDENTITY`,
      sql`UPDATE events SET position = 1000000 WHERE position = ${events[1]?.position}`,
    );
    expect(findingsOf(await verify(fixture))).toEqual([
      { kind: 'reordered', streamVersion: 1, position: 1000000, changes: ['position'] },
    ]);
  });

  it('tells an altered sealed log, an altered checkpoint and an untrusted key', async () => {
    const fixture = await fresh();
    await appendStream(fixture, 3);
    const checkpoint = (await seal(fixture)) as SignedCheckpoint;
    await tamper(fixture.db, sql`UPDATE ledger_leaves SET stream_version = 7 WHERE leaf_index = 1`);
    expect((await verify(fixture)).logFindings.map((finding) => finding.kind)).toContain(
      'sealed_log_altered',
    );
    const other = await fresh();
    await appendStream(other, 1);
    await seal(other);
    await tamper(
      other.db,
      sql`UPDATE ledger_checkpoints SET checkpoint = ${JSON.stringify({ ...checkpoint, sealedAt: new Date(0).toISOString() })}`,
    );
    expect((await verify(other)).logFindings.map((finding) => finding.kind)).toEqual([
      'checkpoint_bad_signature',
    ]);
    expect(
      (await verifyLedger(other.db, { trustedKeys: [OTHER_KEY.publicKey] })).logFindings.map(
        (finding) => finding.kind,
      ),
    ).toEqual(['checkpoint_untrusted_key']);
  });

  it('tells that checkpoints were removed when the auditor holds a later one', async () => {
    const fixture = await fresh();
    const events = await appendStream(fixture, 2);
    await seal(fixture);
    await appendStream(fixture, 2);
    const held = (await seal(fixture)) as SignedCheckpoint;
    await tamper(
      fixture.db,
      sql`DELETE FROM ledger_checkpoints WHERE tree_size = ${held.treeSize}`,
      sql`DELETE FROM ledger_leaves WHERE leaf_index >= 2`,
      sql`DELETE FROM events WHERE position > ${events[1]?.position}`,
    );
    const report = await verify(fixture, null, held);
    expect(report.logFindings.map((finding) => finding.kind)).toEqual([
      'log_truncated',
      'sealed_log_altered',
    ]);
  });

  it('refuses to seal over a log whose last checkpoint does not match its frontier', async () => {
    const fixture = await fresh();
    await appendStream(fixture, 2);
    await seal(fixture);
    await tamper(
      fixture.db,
      sql`UPDATE ledger_checkpoints SET frontier = ARRAY[${'0'.repeat(64)}]`,
    );
    await appendStream(fixture, 1);
    await expect(seal(fixture)).rejects.toThrow(IllegalState);
  });

  it('checks only the given streams, and counts what is not sealed yet', async () => {
    const fixture = await fresh();
    const a = await appendStream(fixture, 2);
    await seal(fixture);
    await appendStream(fixture, 3);
    const report = await verify(fixture, [a[0]?.streamId as string]);
    expect(report).toMatchObject({ isIntact: true, eventsChecked: 2, sealedEvents: 2 });
    expect(await verify(fixture)).toMatchObject({ sealedEvents: 2, unsealedEvents: 3 });
  });
});
