import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import {
  DataDirectoryLockedError,
  lockDataDirectory,
  openDatabase,
  type Database,
  type DataDirectoryLock,
} from '@threatloom/eventstore';
import { UnavailableError } from '../exit-codes.js';
import { findRepoRoot } from './repo-root.js';

/** The database a verification reads, as the server's settings name it. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; shownAs: string }
  | { kind: 'pglite'; dataDir: string; shownAs: string };

/** DATABASE_URL when set, else DATA_DIR (or `<repo root>/.threatloom/data`), as the server reads them. */
export function databaseTarget(env: NodeJS.ProcessEnv): DatabaseTarget {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') return { kind: 'postgres', url, shownAs: redact(url) };
  const configured = env.DATA_DIR;
  if (configured?.startsWith('memory://') === true) {
    throw new UnavailableError(
      `DATA_DIR is ${configured}, an in-memory database that no other process can read: set DATA_DIR to the server's data directory or DATABASE_URL to its PostgreSQL database`,
    );
  }
  const dataDir =
    configured === undefined || configured === ''
      ? join(findRepoRoot(), '.threatloom', 'data')
      : resolve(configured);
  return { kind: 'pglite', dataDir, shownAs: dataDir };
}

/** A URL without its password, fit for a message. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** The embedded data directory is held by a live server: verify may go through that server instead. */
export class DataDirectoryHeldError extends UnavailableError {}

/** An opened database and how to give it back. */
export interface OpenedTarget {
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the target for reading. An embedded data directory is locked first,
 * as the server locks it: PGlite takes no lock of its own, and a directory a
 * running server holds must not be opened by a second process.
 */
export async function openTarget(target: DatabaseTarget): Promise<OpenedTarget> {
  if (target.kind === 'postgres') {
    let database: Database | undefined;
    try {
      database = await openDatabase({ url: target.url, poolSize: 2 });
      await sql`select 1`.execute(database.db);
    } catch (error) {
      await database?.close().catch(() => undefined);
      throw new UnavailableError(
        `cannot reach the database at ${target.shownAs} (DATABASE_URL): ${messageOf(error)}`,
      );
    }
    await requireEventStore(database, target);
    return { database, close: () => database.close() };
  }
  if (!existsSync(join(target.dataDir, 'PG_VERSION'))) {
    throw new UnavailableError(
      `no embedded database in ${target.dataDir}: set DATA_DIR to the server's data directory, or DATABASE_URL to its PostgreSQL database`,
    );
  }
  let lock: DataDirectoryLock;
  try {
    lock = await lockDataDirectory(target.dataDir);
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    const holder =
      error.owner?.pid === undefined
        ? `a process whose lock file cannot be read (${error.lockPath}; remove it if no server runs)`
        : `process ${error.owner.pid}${error.owner.hostname === undefined ? '' : ` on ${error.owner.hostname}`}${error.owner.startedAt === undefined ? '' : `, started ${error.owner.startedAt}`}`;
    throw new DataDirectoryHeldError(
      `the data directory ${target.dataDir} is in use by ${holder}. ` +
        'Stop the server and run verify again, or verify through the server (its GraphQL query verifyModelHistory): ' +
        'set THREATLOOM_TOKEN to a personal API token and, unless it listens on http://localhost:PORT (PORT default 3000), give --server URL or THREATLOOM_SERVER.',
    );
  }
  let database: Database;
  try {
    database = await openDatabase({ dataDir: target.dataDir });
    await requireEventStore(database, target);
  } catch (error) {
    await lock.release();
    if (error instanceof UnavailableError) throw error;
    throw new UnavailableError(
      `cannot open the embedded database in ${target.dataDir}: ${messageOf(error)}`,
    );
  }
  return {
    database,
    async close() {
      try {
        await database.close();
      } finally {
        await lock.release();
      }
    },
  };
}

/** Refuses a database without the event store's tables, or one migrated before the sealed log. */
async function requireEventStore(database: Database, target: DatabaseTarget): Promise<void> {
  const { rows } = await sql<{ events: boolean; ledger: boolean }>`
    select to_regclass('events') is not null as events,
           to_regclass('ledger_leaves') is not null as ledger
  `.execute(database.db);
  const found = rows[0];
  if (found?.events !== true) {
    await database.close().catch(() => undefined);
    throw new UnavailableError(
      `${target.shownAs} holds no Threatloom event store (no events table)`,
    );
  }
  if (!found.ledger) {
    await database.close().catch(() => undefined);
    throw new UnavailableError(
      `${target.shownAs} predates the sealed log (no ledger_leaves table): start the server once to migrate it`,
    );
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}
