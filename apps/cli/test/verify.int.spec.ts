import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventStore,
  LOCK_FILE_NAME,
  computeEventHash,
  eventStoreMigrations,
  loadOrCreateSigningKey,
  migrateToLatest,
  openDatabase,
  sealLedger,
  type Database,
  type EventStoreTables,
  type SignedCheckpoint,
  type StoredEvent,
} from '@threatloom/eventstore';
import {
  createPostgresTestDatabase,
  requirePostgres,
  type PostgresTestDatabase,
} from '@threatloom/testkit';

// Runs the real bin (bin/threatloom.js -> dist/main.js) as a child process.
const bin = fileURLToPath(new URL('../bin/threatloom.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const workDir = await mkdtemp(join(tmpdir(), 'threatloom-verify-'));
const signingKeyFile = join(workDir, 'keys', 'checkpoint-ed25519.pem');
const signingKey = loadOrCreateSigningKey(signingKeyFile);
const otherKeyFile = join(workDir, 'keys', 'other-ed25519.pem');
loadOrCreateSigningKey(otherKeyFile);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Runs `threatloom ...args` against `target`, with only the settings given here. */
function threatloom(
  target: { DATABASE_URL: string } | { DATA_DIR: string },
  args: string[],
  settings: Record<string, string> = { CHECKPOINT_KEY_FILE: signingKeyFile },
): Promise<Run> {
  const {
    DATABASE_URL: _url,
    DATA_DIR: _dir,
    CHECKPOINT_KEY_FILE: _key,
    CHECKPOINT_TRUSTED_KEYS: _trusted,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...inherited, ...target, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs statements as the superuser with triggers off, the way an attacker with database access would. */
async function tamper(db: Kysely<EventStoreTables>, ...statements: RawBuilder<unknown>[]) {
  await db.transaction().execute(async (transaction) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(transaction);
    for (const statement of statements) await statement.execute(transaction);
  });
}

const metadata = { actor: 'user-1', organisation: 'org-1' };
const newEvents = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => ({
    eventId: randomUUID(),
    type: 'ThreatIdentified',
    data: { index: from + index },
    metadata,
  }));

/** What a seeded store holds. */
interface Seeded {
  systemId: string;
  modelA: string;
  modelB: string;
  /** Model A: 3 events, sealed. */
  a: StoredEvent[];
  /** Model B: 3 events sealed by the first checkpoint, 1 by the second, 1 not yet sealed. */
  b: StoredEvent[];
  /** The first checkpoint, as an auditor would have kept it. */
  older: SignedCheckpoint;
}

async function untilReadable(store: EventStore, position: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`position ${position} not readable`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Two models of one system, sealed twice, with one event after the last seal. */
async function seed(database: Database): Promise<Seeded> {
  await migrateToLatest(database.db, eventStoreMigrations);
  // The tenancy read model, as the server's migrations shape the part verify reads.
  await sql`create table model_ownership (model_id text primary key, system_id uuid not null, owner_organisation_id uuid not null)`.execute(
    database.db,
  );
  await sql`alter table model_ownership enable row level security`.execute(database.db);
  await sql`alter table model_ownership force row level security`.execute(database.db);
  await sql`create policy model_ownership_system on model_ownership for all using (coalesce(nullif(current_setting('app.system', true), '') = 'on', false))`.execute(
    database.db,
  );
  const store = new EventStore(database);
  try {
    const [systemId, modelA, modelB] = [randomUUID(), randomUUID(), randomUUID()];
    const a = await store.append(`model-${modelA}`, newEvents(3), { expectedVersion: 'no_stream' });
    const b = await store.append(`model-${modelB}`, newEvents(3), { expectedVersion: 'no_stream' });
    await untilReadable(store, (b.at(-1) as StoredEvent).position);
    const older = (await sealLedger(database.db, {
      signingKey: signingKey.privateKey,
    })) as SignedCheckpoint;
    b.push(...(await store.append(`model-${modelB}`, newEvents(1, 3), { expectedVersion: 2 })));
    await untilReadable(store, (b.at(-1) as StoredEvent).position);
    await sealLedger(database.db, { signingKey: signingKey.privateKey });
    b.push(...(await store.append(`model-${modelB}`, newEvents(1, 4), { expectedVersion: 3 })));
    const otherOrganisation = randomUUID();
    await database.db.transaction().execute(async (transaction) => {
      await sql`select set_config('app.system', 'on', true)`.execute(transaction);
      await sql`insert into model_ownership values (${modelA}, ${systemId}::uuid, ${otherOrganisation}::uuid), (${modelB}, ${systemId}::uuid, ${otherOrganisation}::uuid), (${randomUUID()}, ${randomUUID()}::uuid, ${otherOrganisation}::uuid)`.execute(
        transaction,
      );
    });
    return { systemId, modelA, modelB, a, b, older };
  } finally {
    await store.close();
  }
}

type Target = { DATABASE_URL: string } | { DATA_DIR: string };

/** A seeded database of `kind`, optionally tampered with, closed before the command runs. */
async function seededStore(
  kind: 'pglite' | 'postgres',
  cleanups: (() => Promise<void>)[],
  tampering?: (db: Kysely<EventStoreTables>, seeded: Seeded) => Promise<void>,
): Promise<{ target: Target; seeded: Seeded }> {
  let postgres: PostgresTestDatabase | undefined;
  let target: Target;
  let database: Database;
  if (kind === 'postgres') {
    postgres = await createPostgresTestDatabase();
    const url = postgres.url;
    cleanups.push(() => (postgres as PostgresTestDatabase).drop());
    target = { DATABASE_URL: url };
    database = await openDatabase({ url });
  } else {
    const dataDir = await mkdtemp(join(workDir, 'data-'));
    target = { DATA_DIR: dataDir };
    database = await openDatabase({ dataDir });
  }
  try {
    const seeded = await seed(database);
    await tampering?.(database.db, seeded);
    return { target, seeded };
  } finally {
    await database.close();
  }
}

const json = (run: Run) => JSON.parse(run.stdout) as Record<string, unknown>;
const eventFindingsOf = (run: Run) =>
  (json(run).eventFindings as Record<string, unknown>[]).map(
    ({ kind, streamId, streamVersion, position, changes }) => ({
      kind,
      streamId,
      streamVersion,
      position,
      changes,
    }),
  );

const backends: ('pglite' | 'postgres')[] = (await requirePostgres())
  ? ['pglite', 'postgres']
  : ['pglite'];

describe.each(backends)(
  'threatloom verify on %s',
  (kind) => {
    const cleanups: (() => Promise<void>)[] = [];
    let intact: { target: Target; seeded: Seeded };
    beforeAll(async () => {
      intact = await seededStore(kind, cleanups);
    }, 120_000);
    afterAll(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    it('exits 0 for an intact store and reports the counts and what is not sealed yet', async () => {
      const run = await threatloom(intact.target, ['verify']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('INTACT: every stream');
      expect(run.stdout).toContain('8 events checked in 2 streams: 7 sealed, 1 not yet sealed');
      expect(run.stdout).toContain('checkpoint: 7 events sealed at');
      expect(run.stdout).toContain(`key  ${signingKey.fingerprint} (CHECKPOINT_KEY_FILE`);
      expect(run.stdout).toContain(
        'events appended after the last checkpoint are protected only by their hash chains until the next seal',
      );

      const asJson = await threatloom(intact.target, ['verify', '--json']);
      expect(asJson.code).toBe(0);
      expect(json(asJson)).toMatchObject({
        scope: { kind: 'all', streamIds: null },
        isIntact: true,
        eventsChecked: 8,
        streamsChecked: 2,
        sealedEvents: 7,
        unsealedEvents: 1,
        checkpoint: { treeSize: 7, keyId: signingKey.fingerprint, source: 'store' },
        eventFindings: [],
        brokenLinks: [],
        logFindings: [],
      });
    });

    it('verifies one model, and every model of a system', async () => {
      const { modelA, modelB, systemId } = intact.seeded;
      const model = await threatloom(intact.target, ['verify', '--model', modelA, '--json']);
      expect(model.code).toBe(0);
      expect(json(model)).toMatchObject({
        scope: { kind: 'model', modelId: modelA, streamIds: [`model-${modelA}`] },
        eventsChecked: 3,
        unsealedEvents: 0,
      });
      const system = await threatloom(intact.target, ['verify', '--system', systemId]);
      expect(system.code).toBe(0);
      expect(system.stdout).toContain(`INTACT: system ${systemId}: 2 models`);
      expect(system.stdout).toContain('8 events checked in 2 streams');
      expect(
        json(await threatloom(intact.target, ['verify', '--system', systemId, '--json'])),
      ).toMatchObject({
        scope: { kind: 'system', modelIds: [modelA, modelB].sort() },
      });
    });

    it('refuses a malformed id as a usage error, and names an unknown model or system', async () => {
      const bad = await threatloom(intact.target, ['verify', '--model', 'not-a-uuid']);
      expect(bad).toMatchObject({ code: 2, stdout: '' });
      expect(bad.stderr).toContain("--model: 'not-a-uuid' is not a model id (a UUID)");
      expect(
        (await threatloom(intact.target, ['verify', '--model', randomUUID(), '--all'])).code,
      ).toBe(2);
      const unknown = randomUUID();
      const missing = await threatloom(intact.target, ['verify', '--model', unknown]);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain(`unknown model ${unknown}`);
      const noSystem = await threatloom(intact.target, ['verify', '--system', unknown]);
      expect(noSystem.code).toBe(3);
      expect(noSystem.stderr).toContain(`unknown system ${unknown}`);
    });

    it('reports a checkpoint signed by a key it does not trust, and trusts one given with --key', async () => {
      const untrusted = await threatloom(intact.target, ['verify', '--json'], {
        CHECKPOINT_KEY_FILE: otherKeyFile,
      });
      expect(untrusted.code).toBe(1);
      expect(json(untrusted)).toMatchObject({
        isIntact: false,
        checkpoint: null,
        logFindings: [
          {
            kind: 'checkpoint_untrusted_key',
            detail: expect.stringContaining(signingKey.fingerprint),
          },
        ],
      });
      const text = await threatloom(intact.target, ['verify'], {
        CHECKPOINT_KEY_FILE: otherKeyFile,
      });
      expect(text.stdout).toContain('TAMPERING FOUND');
      expect(text.stdout).toContain(
        `checkpoint untrusted key: the store's latest checkpoint is signed by key ${signingKey.fingerprint}, which is not trusted`,
      );

      const missingKeyFile = join(workDir, 'no-such-key.pem');
      const withKey = await threatloom(intact.target, ['verify', '--key', signingKeyFile], {
        CHECKPOINT_KEY_FILE: missingKeyFile,
      });
      expect(withKey.code).toBe(0);
      const noKey = await threatloom(intact.target, ['verify'], {
        CHECKPOINT_KEY_FILE: missingKeyFile,
      });
      expect(noKey.code).toBe(3);
      expect(noKey.stderr).toContain(`${missingKeyFile} (CHECKPOINT_KEY_FILE) does not exist`);
      const notAKey = await threatloom(intact.target, ['verify', '--key', bin]);
      expect(notAKey.code).toBe(3);
      expect(notAKey.stderr).toContain(
        `key file ${bin} (--key): expected an Ed25519 public or private key in PEM`,
      );
    });

    it('compares with an older checkpoint the auditor holds, and reports a tampered one', async () => {
      const held = join(workDir, `held-${kind}.json`);
      await writeFile(held, JSON.stringify(intact.seeded.older));
      const older = await threatloom(intact.target, ['verify', '--checkpoint', held]);
      expect(older.code).toBe(0);
      expect(older.stdout).toContain('INTACT');

      const forged = { ...intact.seeded.older, treeSize: intact.seeded.older.treeSize - 1 };
      await writeFile(held, JSON.stringify(forged));
      const tampered = await threatloom(intact.target, ['verify', '--checkpoint', held, '--json']);
      expect(tampered.code).toBe(1);
      expect(json(tampered)).toMatchObject({
        logFindings: [{ kind: 'checkpoint_bad_signature' }],
        eventFindings: [],
      });

      await writeFile(held, JSON.stringify({ ...intact.seeded.older, rootHash: 'abc' }));
      const malformed = await threatloom(intact.target, ['verify', '--checkpoint', held]);
      expect(malformed.code).toBe(3);
      expect(malformed.stderr).toContain(
        `checkpoint file ${held} is malformed: rootHash should be 64 lower-case hex digits`,
      );
      await writeFile(held, 'not json');
      const notJson = await threatloom(intact.target, ['verify', '--checkpoint', held]);
      expect(notJson.code).toBe(3);
      expect(notJson.stderr).toContain(`checkpoint file ${held} is not JSON`);
    });

    it("names a stream's deleted last sealed event", async () => {
      const { target, seeded } = await seededStore(kind, cleanups, (db, { a }) =>
        tamper(db, sql`DELETE FROM events WHERE position = ${(a[2] as StoredEvent).position}`),
      );
      const deleted = seeded.a[2] as StoredEvent;
      const run = await threatloom(target, ['verify', '--json']);
      expect(run.code).toBe(1);
      expect(eventFindingsOf(run)).toEqual([
        {
          kind: 'deleted',
          streamId: deleted.streamId,
          streamVersion: 2,
          position: deleted.position,
          changes: [],
        },
      ]);
      const text = await threatloom(target, ['verify', '--model', seeded.modelA]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        `deleted: ${deleted.streamId} version 2, position ${deleted.position} (sealed)`,
      );
      expect(text.stdout).toContain('was sealed and is gone');
      // The other model is untouched.
      expect((await threatloom(target, ['verify', '--model', seeded.modelB])).code).toBe(0);
    });

    it('names an event whose data was altered', async () => {
      const { target, seeded } = await seededStore(kind, cleanups, (db, { b }) =>
        tamper(
          db,
          sql`UPDATE events SET data = '{"index": 99}'::jsonb WHERE position = ${(b[1] as StoredEvent).position}`,
        ),
      );
      const altered = seeded.b[1] as StoredEvent;
      const run = await threatloom(target, ['verify', '--json']);
      expect(run.code).toBe(1);
      expect(eventFindingsOf(run)).toEqual([
        {
          kind: 'altered',
          streamId: altered.streamId,
          streamVersion: 1,
          position: altered.position,
          changes: ['content'],
        },
      ]);
      const text = await threatloom(target, ['verify']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        `altered: ${altered.streamId} version 1, position ${altered.position} (sealed); changed: content`,
      );
      expect(text.stdout).toContain('Broken links:');
      expect(text.stdout).toContain(
        `${altered.streamId} version 1, position ${altered.position}: hash mismatch`,
      );
    });

    it('names a forged event inserted into a sealed stream, with the rest re-chained', async () => {
      let forgedPosition = 0;
      const forgedId = randomUUID();
      const { target, seeded } = await seededStore(kind, cleanups, async (db, { a }) => {
        const previous = a[1] as StoredEvent;
        const original = a[2] as StoredEvent;
        const streamId = previous.streamId;
        const forged = {
          eventId: forgedId,
          type: 'RiskAccepted',
          schemaVersion: 1,
          data: { rationale: 'forged' },
          metadata,
          streamId,
          streamVersion: 2,
          recordedAt: new Date(previous.recordedAt.getTime() + 1),
        };
        const forgedHash = computeEventHash(previous.hash, forged);
        const rechained = computeEventHash(forgedHash, { ...original, streamVersion: 3 });
        await tamper(
          db,
          sql`UPDATE events SET stream_version = 3, previous_hash = ${forgedHash}, hash = ${rechained} WHERE position = ${original.position}`,
          sql`INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
            VALUES (${streamId}, 2, ${forgedId}::uuid, ${forged.type}, 1, ${JSON.stringify(forged.data)}::jsonb,
                    ${JSON.stringify(metadata)}::jsonb, ${forged.recordedAt.toISOString()}::timestamptz, ${previous.hash}, ${forgedHash})`,
        );
        const { rows } = await sql<{ position: string }>`
        SELECT position FROM events WHERE event_id = ${forgedId}::uuid`.execute(db);
        forgedPosition = Number(rows[0]?.position);
      });
      const streamId = (seeded.a[0] as StoredEvent).streamId;
      const run = await threatloom(target, ['verify', '--model', seeded.modelA, '--json']);
      expect(run.code).toBe(1);
      expect(json(run)).toMatchObject({ brokenLinks: [] });
      expect(eventFindingsOf(run)).toEqual([
        { kind: 'inserted', streamId, streamVersion: 2, position: forgedPosition, changes: [] },
        {
          kind: 'reordered',
          streamId,
          streamVersion: 3,
          position: (seeded.a[2] as StoredEvent).position,
          changes: ['streamVersion', 'hash'],
        },
      ]);
      const text = await threatloom(target, ['verify']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        `inserted: ${streamId} version 2, position ${forgedPosition} (sealed)`,
      );
      expect(text.stdout).toContain('it was inserted');
    });

    it.runIf(kind === 'pglite')(
      'refuses a data directory a live server holds, naming it and the pid',
      async () => {
        const dataDir = (intact.target as { DATA_DIR: string }).DATA_DIR;
        const lockPath = join(dataDir, LOCK_FILE_NAME);
        await writeFile(
          lockPath,
          `${JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: randomUUID() })}\n`,
        );
        try {
          const run = await threatloom(intact.target, ['verify']);
          expect(run.code).toBe(3);
          expect(run.stdout).toBe('');
          expect(run.stderr).toContain(
            `the data directory ${dataDir} is in use by process ${process.pid}`,
          );
          expect(run.stderr).toContain('Stop the server');
          expect(run.stderr).toContain('verifyModelHistory');
          // The lock is left to its holder.
          expect(await readFile(lockPath, 'utf8')).toContain(`"pid":${process.pid}`);
        } finally {
          await unlink(lockPath);
        }
        // A lock left by a process that no longer runs is taken over, and released after.
        await writeFile(
          lockPath,
          `${JSON.stringify({ pid: 2 ** 22 + 17, hostname: hostname(), startedAt: new Date().toISOString(), token: randomUUID() })}\n`,
        );
        expect((await threatloom(intact.target, ['verify'])).code).toBe(0);
        await expect(readFile(lockPath)).rejects.toThrow();
      },
    );
    // Each run of the command opens the embedded database afresh, which takes seconds.
  },
  180_000,
);

describe('threatloom verify without a database', () => {
  it('names a data directory that holds no database', async () => {
    const empty = await mkdtemp(join(workDir, 'empty-'));
    const run = await threatloom({ DATA_DIR: empty }, ['verify']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`no embedded database in ${empty}`);
  });

  it('names an unreachable PostgreSQL without its password', async () => {
    const run = await threatloom({ DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/none' }, [
      'verify',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'cannot reach the database at postgres://someone:***@127.0.0.1:1/none',
    );
    expect(run.stderr).not.toContain('secret');
  });
});
