import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@threatloom/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database, type DatabaseConfig } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';
import { availableBackends } from './backends.js';

const loadScript = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the load script against `target`, kills it with SIGKILL after `acknowledgements` acks, returns the acked ids. */
async function loadThenKill(target: string, acknowledgements: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', loadScript, target], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let buffered = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acknowledged.push(...(JSON.parse(line) as string[]));
      if (acknowledged.length >= acknowledgements) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`load exited early (${code}): ${errors}`)),
    );
  });
  return acknowledged;
}

/** Ids of every stored event, read directly so no reader horizon is involved. */
async function storedEventIds(database: Database): Promise<Set<string>> {
  const rows = await database.db
    .selectFrom('events')
    .select(sql<string>`event_id::text`.as('id'))
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** After the crash: every acknowledged event is stored and every chain verifies. */
async function expectDurableAndIntact(
  config: DatabaseConfig,
  acknowledged: string[],
): Promise<void> {
  const database = await openDatabase(config);
  const store = new EventStore(database);
  try {
    const stored = await storedEventIds(database);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const report = await store.verify();
    expect(report.brokenLinks).toEqual([]);
    expect(report.eventsChecked).toBe(stored.size);
  } finally {
    await store.close();
    await database.close();
  }
}

describe.each(await availableBackends())('restart on $kind', ({ kind }) => {
  let postgres: PostgresTestDatabase | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await postgres?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, with intact chains, after the writer is killed mid-load', async () => {
    let config: DatabaseConfig;
    if (kind === 'postgres') {
      postgres = await createPostgresTestDatabase();
      config = { url: postgres.url, poolSize: 2 };
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'threatloom-restart-'));
      config = { dataDir };
    }
    const setup = await openDatabase(config);
    await migrateToLatest(setup.db, eventStoreMigrations);
    await setup.close();

    const acknowledged = await loadThenKill(
      postgres?.url ?? (dataDir as string),
      kind === 'postgres' ? 400 : 150,
    );

    expect(acknowledged.length).toBeGreaterThan(0);
    await expectDurableAndIntact(config, acknowledged);
  });
});
