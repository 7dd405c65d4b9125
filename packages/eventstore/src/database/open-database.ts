import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { INT8_OID, parseInt8 } from './int8.js';
import { PostgresListener } from './postgres-listener.js';
import { PreparingClient } from './prepared-statements.js';
import type { EventStoreTables } from './schema.js';

/** Where the database lives. */
export interface DatabaseConfig {
  /** PostgreSQL connection URL; when set, PostgreSQL is used through a `pg` pool. Default: unset (PGlite). */
  url?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. Default: `./.threatloom/data`. */
  dataDir?: string;
  /** Maximum number of pooled PostgreSQL connections. Default: 10. */
  poolSize?: number;
  /**
   * PostgreSQL only: run the pool in pipeline mode, so statements issued without
   * awaiting the previous answer leave together (one round trip for a batch of
   * independent reads). It costs large appends about a fifth of their
   * throughput, so it is off unless a caller batches reads (ADR 0007).
   * Default: false.
   */
  pipeline?: boolean;
}

/** Stops a `listen` subscription. */
export type Unlisten = () => Promise<void>;

/** An open database: a Kysely instance plus the driver features Kysely does not cover. */
export interface Database<DB = EventStoreTables> {
  db: Kysely<DB>;
  dialect: 'postgres' | 'pglite';
  /** Calls `onNotify` for each NOTIFY on `channel` (dedicated connection on PostgreSQL). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

/** `dataDir` value that keeps a PGlite database in memory. */
export const MEMORY_DATA_DIR = 'memory://';

/** Default PGlite data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = './.threatloom/data';

/** Opens PostgreSQL when `config.url` is set, PGlite otherwise. */
export async function openDatabase<DB = EventStoreTables>(
  config: DatabaseConfig = {},
): Promise<Database<DB>> {
  return config.url === undefined
    ? openPGlite<DB>(config.dataDir ?? DEFAULT_DATA_DIR)
    : openPostgres<DB>(config.url, config.poolSize ?? 10, config.pipeline ?? false);
}

function int8TypeParser(oid: number, format?: string): (text: string) => unknown {
  if (oid === INT8_OID) return parseInt8;
  return format === 'binary'
    ? pg.types.getTypeParser(oid, 'binary')
    : pg.types.getTypeParser(oid, 'text');
}

async function openPostgres<DB>(
  url: string,
  poolSize: number,
  pipeline: boolean,
): Promise<Database<DB>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Runs the store's marked statements as prepared statements; see prepared-statements.ts.
    Client: PreparingClient,
    // Statements issued without waiting for the previous answer go out at once and are
    // answered in order (one round trip for a batch); awaited statements behave as before.
    pipeline,
    types: { getTypeParser: int8TypeParser as typeof pg.types.getTypeParser },
  });
  // An idle client that loses its connection must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<PostgresListener>();
  return {
    db,
    dialect: 'postgres',
    async listen(channel, onNotify) {
      // A dedicated connection per channel, re-established when the server drops it.
      const listener = new PostgresListener(url, channel, onNotify);
      await listener.start();
      listeners.add(listener);
      return async () => {
        if (!listeners.delete(listener)) return;
        await listener.stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      listeners.clear();
      await db.destroy();
    },
  };
}

async function openPGlite<DB>(dataDir: string): Promise<Database<DB>> {
  // PGlite creates only the last directory of the path; the default sits two levels deep.
  if (dataDir !== MEMORY_DATA_DIR) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8_OID]: (text: string) => parseInt8(text) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    dialect: 'pglite',
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      // Destroying the Kysely instance closes the PGlite instance it owns.
      await db.destroy();
    },
  };
}
