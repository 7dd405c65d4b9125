import { mkdir } from 'node:fs/promises';
import { CompiledQuery, sql, type Kysely, type QueryResult, type Transaction } from 'kysely';
import {
  EventStore,
  eventStoreMigrations,
  lockDataDirectory,
  migrateToLatest,
  openDatabase,
  PREPARED_MARKER,
  type DataDirectoryLock,
  type Database as OpenedDatabase,
} from '@threatloom/eventstore';
import type { AppConfig } from '../config/config.schema.js';
import type { ApiTables } from './database-schema.js';
import { explainMigrationFailure } from './migration-privileges.js';
import { apiMigrations } from './migrations/index.js';
import { compiled, type Statement } from './prepared-query.js';
import { assumeRuntimeRole } from './runtime-role.js';
import type { TransactionScope } from './transaction-scope.js';

/** All migrations the server applies at start, in name (= time) order. */
export function allMigrations(): Record<string, (typeof apiMigrations)[string]> {
  const merged = { ...eventStoreMigrations, ...apiMigrations };
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

const BEGIN_READ_ONLY = CompiledQuery.raw('begin transaction read only');
const COMMIT = CompiledQuery.raw('commit');
// Prepared: the same text on every request, values as parameters.
const SET_SCOPE_SQL = `${PREPARED_MARKER}
select set_config('app.org_ids', $1, true), set_config('app.user_id', $2, true)`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(value: string, what: string): void {
  // The ids end up in a setting the RLS policies parse; refuse anything else early.
  if (!uuidPattern.test(value)) throw new Error(`${what} is not a uuid`);
}

/**
 * The server's database: the Kysely instance, the event store on it, and the
 * only two ways to open a transaction (tenant-scoped or system).
 */
export class DatabaseService {
  private constructor(
    private readonly opened: OpenedDatabase,
    /** Kysely over the API's tables; SQL lives in repositories that receive it. */
    readonly db: Kysely<ApiTables>,
    readonly eventStore: EventStore,
    /** The hold on PGlite's data directory; null for PostgreSQL and `memory://`. */
    private readonly dataDirectoryLock: DataDirectoryLock | null,
  ) {}

  /** `postgres` (pg pool on DATABASE_URL) or `pglite` (embedded). */
  get dialect(): 'postgres' | 'pglite' {
    return this.opened.dialect;
  }

  /**
   * Opens the database the configuration names, applies every pending migration
   * (as the owner connection), then connects for runtime as threatloom_app.
   * An on-disk PGlite directory is locked first: PGlite has one writer per
   * directory and takes no lock of its own, so a second process on the same
   * directory would silently lose acknowledged writes.
   */
  static async open(
    config: Omit<AppConfig['database'], 'poolSize'> & { poolSize?: number },
  ): Promise<DatabaseService> {
    const migrations = allMigrations();
    let opened: OpenedDatabase;
    let dataDirectoryLock: DataDirectoryLock | null = null;
    if (config.url === null) {
      if (!config.dataDir.startsWith('memory://')) {
        // PGlite creates its own directory but not the missing parents (`.threatloom/` on a fresh clone).
        await mkdir(config.dataDir, { recursive: true });
        dataDirectoryLock = await lockDataDirectory(config.dataDir);
      }
      try {
        opened = await openDatabase({ dataDir: config.dataDir });
      } catch (error) {
        await dataDirectoryLock?.release();
        throw error;
      }
      try {
        await migrateToLatest(opened.db, migrations);
        await assumeRuntimeRole(opened.db as Kysely<unknown>, opened.dialect);
      } catch (error) {
        await opened.close();
        await dataDirectoryLock?.release();
        throw error;
      }
    } else {
      const ownerUrl = config.migrationUrl ?? config.url;
      const owner = await openDatabase({ url: ownerUrl, poolSize: 1 });
      try {
        await migrateToLatest(owner.db, migrations);
      } catch (error) {
        throw explainMigrationFailure(error, decodeURIComponent(new URL(ownerUrl).username));
      } finally {
        await owner.close();
      }
      // Pipelined: the request path sends its reads as one batch (readBatch, ADR 0007).
      opened = await openDatabase({
        url: config.url,
        poolSize: config.poolSize ?? 10,
        pipeline: true,
      });
    }
    // One Kysely instance serves both table sets; the cast only names the API's tables.
    const db = opened.db as unknown as Kysely<ApiTables>;
    return new DatabaseService(opened, db, new EventStore(opened), dataDirectoryLock);
  }

  /**
   * Runs `fn` in a transaction on behalf of `scope`: the transaction-local
   * settings `app.user_id` and `app.org_ids` (comma-separated uuids) are set
   * first, so row-level security filters every statement `fn` runs.
   */
  async transaction<T>(
    scope: TransactionScope,
    fn: (trx: Transaction<ApiTables>) => Promise<T>,
  ): Promise<T> {
    if (scope.userId !== null) assertUuid(scope.userId, 'scope.userId');
    scope.organisationIds.forEach((id) => assertUuid(id, 'scope.organisationIds'));
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.org_ids', ${scope.organisationIds.join(',')}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`.execute(
        trx,
      );
      return fn(trx);
    });
  }

  /**
   * Like `transaction`, for work that only reads: the transaction is READ ONLY
   * and, on PostgreSQL, BEGIN and the settings travel in one round trip (one
   * simple-protocol message holding both statements; the values are checked
   * uuids, inlined as escaped literals, because that protocol takes no
   * parameters). The request path reads this way on every request, and each
   * round trip costs the server a socket write and a wake-up.
   */
  async readTransaction<T>(
    scope: TransactionScope,
    fn: (db: Kysely<ApiTables>) => Promise<T>,
  ): Promise<T> {
    if (this.dialect !== 'postgres') return this.transaction(scope, fn);
    if (scope.userId !== null) assertUuid(scope.userId, 'scope.userId');
    scope.organisationIds.forEach((id) => assertUuid(id, 'scope.organisationIds'));
    const organisationIds = scope.organisationIds.join(',');
    const userId = scope.userId ?? '';
    return this.db.connection().execute(async (connection) => {
      await sql`begin transaction read only; select set_config('app.org_ids', ${sql.lit(organisationIds)}, true), set_config('app.user_id', ${sql.lit(userId)}, true)`.execute(
        connection,
      );
      let result: T;
      try {
        result = await fn(connection);
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
      await sql`commit`.execute(connection);
      return result;
    });
  }

  /**
   * Runs independent read statements in one READ ONLY transaction on behalf
   * of `scope` (settings as in `transaction`) and returns each one's rows, in
   * order. On PostgreSQL BEGIN, the settings, the statements and COMMIT are
   * written without waiting for each answer (the pool pipelines them), so the
   * batch costs one round trip; a failed statement fails the batch, and
   * PostgreSQL turns the COMMIT of a failed transaction into a rollback.
   */
  async readBatch(
    scope: TransactionScope,
    statements: readonly Statement<unknown>[],
  ): Promise<unknown[][]> {
    const queries = statements.map((statement) => compiled(statement));
    if (this.dialect !== 'postgres') {
      return this.transaction(scope, async (trx) => {
        const results: unknown[][] = [];
        for (const query of queries) results.push((await trx.executeQuery(query)).rows);
        return results;
      });
    }
    if (scope.userId !== null) assertUuid(scope.userId, 'scope.userId');
    scope.organisationIds.forEach((id) => assertUuid(id, 'scope.organisationIds'));
    const setScope = CompiledQuery.raw(SET_SCOPE_SQL, [
      scope.organisationIds.join(','),
      scope.userId ?? '',
    ]);
    // Statements go to one pooled connection directly: a Kysely connection or
    // transaction would wait for each answer before sending the next statement.
    return this.db.getExecutor().provideConnection(async (connection) => {
      const sent = [BEGIN_READ_ONLY, setScope, ...queries, COMMIT].map((query) =>
        connection.executeQuery(query),
      );
      // Every answer is awaited before the connection goes back to the pool.
      const settled = await Promise.allSettled(sent);
      const answers: QueryResult<unknown>[] = [];
      for (const outcome of settled) {
        if (outcome.status === 'rejected') throw outcome.reason;
        answers.push(outcome.value);
      }
      return answers.slice(2, -1).map((answer) => answer.rows);
    });
  }

  /**
   * Runs trusted internal work (projections, demo seeding) in a transaction
   * with the transaction-local setting `app.system = 'on'`, which the
   * row-level-security policies accept as "all rows". No request path may call it.
   */
  async systemTransaction<T>(fn: (trx: Transaction<ApiTables>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.system', 'on', true), set_config('app.org_ids', '', true), set_config('app.user_id', '', true)`.execute(
        trx,
      );
      return fn(trx);
    });
  }

  /** Whether a trivial query succeeds now. */
  async isReachable(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** Calls `onNotify` on each NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
  ): ReturnType<OpenedDatabase['listen']> {
    return this.opened.listen(channel, onNotify);
  }

  /** Closes the pool (PostgreSQL) or the embedded database (PGlite), then releases the data directory. */
  async close(): Promise<void> {
    try {
      await this.eventStore.close();
      await this.opened.close();
    } finally {
      await this.dataDirectoryLock?.release();
    }
  }
}
