import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDatabase, type Database } from '@threatloom/eventstore';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  runAdminStatement,
} from '@threatloom/testkit';
import { allMigrations } from '../src/database/database.service.js';

const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The API server in its own process (node dist/main.js) on a fresh PostgreSQL database. */
export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** The database's name (for CPU sampling of its backends). */
  databaseName: string;
  /** The database as its owner (migrations applied), for filling it directly. */
  owner: Database;
  /** The database's owner URL. */
  ownerUrl: string;
  /** Stops the server, then drops the database and its login role. */
  stop(): Promise<void>;
}

async function waitForReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

/**
 * Creates a PostgreSQL database with every migration applied and starts the
 * server on it as the app's login role (row-level security applies), in
 * production mode, open registration, no demo. BENCH_CPU_PROFILE=<dir> writes
 * a V8 CPU profile of the server, to see where its time goes.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const database = await createPostgresTestDatabase();
  await runAdminStatement(
    `DO $$ BEGIN CREATE ROLE threatloom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
  const owner = await openDatabase({ url: database.url });
  await migrateToLatest(owner.db, allMigrations());
  const role = await createAppLoginRole(database.name);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const profileArgs = process.env['BENCH_CPU_PROFILE']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROFILE']}`]
    : [];
  const server = spawn(process.execPath, [...profileArgs, join(apiRoot, 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      OPEN_REGISTRATION: 'true',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: role.url,
      DATABASE_MIGRATION_URL: database.url,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await owner.close();
    await database.drop();
    await role.drop();
  };
  try {
    await waitForReady(url, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: server, databaseName: database.name, owner, ownerUrl: database.url, stop };
}
