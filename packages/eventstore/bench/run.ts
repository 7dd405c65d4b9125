// Event store benchmarks on PostgreSQL (a database created and dropped here)
// and on in-memory PGlite; writes bench/results/eventstore.partial.json at the
// repository root. Usage: pnpm bench [--quick]
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDatabase, requirePostgres } from '@threatloom/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';
import { rounded, type Metric } from './measure.js';
import {
  batchAppends,
  catchUpRate,
  compareSingleAppends,
  fillTo,
  readAllRate,
  type RawInsert,
} from './scenarios.js';

const isQuick = process.argv.includes('--quick');
const READ_EVENTS = isQuick ? 20_000 : 200_000;
const ROUNDS = isQuick ? 1 : 3;
const ROUND_MS = isQuick ? 1000 : 4000;
const BATCH_MS = isQuick ? 2000 : 8000;
const resultsFile = fileURLToPath(
  new URL('../../../bench/results/eventstore.partial.json', import.meta.url),
);

async function createBenchTables(database: Database): Promise<void> {
  await sql`CREATE TABLE bench_raw_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`.execute(
    database.db,
  );
  await sql`CREATE TABLE bench_checkpoints (name text PRIMARY KEY, transaction_id xid8 NOT NULL, position bigint NOT NULL)`.execute(
    database.db,
  );
}

/** Runs the four scenarios on one database; `rawInsert` is the driver-level baseline. */
async function runScenarios(
  kind: 'pg' | 'pglite',
  database: Database,
  rawInsert: RawInsert,
): Promise<Record<string, Metric>> {
  const store = new EventStore(database);
  const metrics: Record<string, Metric> = {};
  const log = (name: string) =>
    console.log(`${name}: ${JSON.stringify(rounded(metrics[name] as Metric))}`);
  for (const concurrency of [1, 8]) {
    const name = `eventstore.append.${kind}.c${concurrency}`;
    const { target, ...measured } = await compareSingleAppends(
      store,
      rawInsert,
      concurrency,
      ROUNDS,
      ROUND_MS,
    );
    // PGlite figures are reported without a target for now.
    metrics[name] = kind === 'pg' ? { ...measured, target } : measured;
    log(name);
  }
  metrics[`eventstore.append.${kind}.batch100`] = {
    value: await batchAppends(store, BATCH_MS),
    unit: 'events/s',
    ...(kind === 'pg' ? { target: '>= 20000' } : {}),
  };
  log(`eventstore.append.${kind}.batch100`);
  await fillTo(store, READ_EVENTS);
  metrics[`eventstore.readAll.${kind}`] = {
    value: await readAllRate(store, READ_EVENTS),
    unit: 'events/s',
    ...(kind === 'pg' ? { target: '>= 100000' } : {}),
  };
  log(`eventstore.readAll.${kind}`);
  const saveCheckpoint = async (transactionId: string, position: number) => {
    await sql`
      INSERT INTO bench_checkpoints (name, transaction_id, position) VALUES ('bench', ${transactionId}::xid8, ${position})
      ON CONFLICT (name) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position
    `.execute(database.db);
  };
  metrics[`eventstore.catchup.${kind}`] = {
    value: await catchUpRate(store, READ_EVENTS, saveCheckpoint),
    unit: 'events/s',
    ...(kind === 'pg' ? { target: '>= 50000' } : {}),
  };
  log(`eventstore.catchup.${kind}`);
  await store.close();
  return metrics;
}

async function benchPostgres(): Promise<Record<string, Metric>> {
  const testDatabase = await createPostgresTestDatabase();
  const database = await openDatabase({ url: testDatabase.url, poolSize: 10 });
  const rawPool = new pg.Pool({ connectionString: testDatabase.url, max: 10 });
  try {
    await migrateToLatest(database.db, eventStoreMigrations);
    await createBenchTables(database);
    return await runScenarios('pg', database, async (payloadJson) => {
      await rawPool.query('INSERT INTO bench_raw_inserts (payload) VALUES ($1)', [payloadJson]);
    });
  } finally {
    await rawPool.end();
    await database.close();
    await testDatabase.drop();
  }
}

async function benchPGlite(): Promise<Record<string, Metric>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db, eventStoreMigrations);
    await createBenchTables(database);
    return await runScenarios('pglite', database, async (payloadJson) => {
      await sql`INSERT INTO bench_raw_inserts (payload) VALUES (${payloadJson}::jsonb)`.execute(
        database.db,
      );
    });
  } finally {
    await database.close();
  }
}

const metrics: Record<string, Metric> = {};
if (await requirePostgres()) Object.assign(metrics, await benchPostgres());
Object.assign(metrics, await benchPGlite());
const rounded_ = Object.fromEntries(
  Object.entries(metrics).map(([name, metric]) => [name, rounded(metric)]),
);
await mkdir(fileURLToPath(new URL('.', `file://${resultsFile}`)), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify({ metrics: rounded_ }, null, 2)}\n`);
console.log(`wrote ${resultsFile}`);
