import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { ValidationError } from '../errors.js';
import type { Checkpoint, StoredEvent } from '../event.js';
import { eventColumns, eventColumnsWithData, toStoredEvent, type EventRow } from './event-row.js';

/**
 * Options of a read over the global order. Resuming is by `after` only: a
 * global position is not a resume point, because a transaction that commits
 * late can hold positions below the last one a reader saw.
 */
export interface ReadAllOptions {
  /** Resume strictly after this checkpoint (`checkpointOf` the last event a reader processed). Default: the beginning. */
  after?: Checkpoint;
  /** Page size. Default: 1000. */
  limit?: number;
  /** A Kysely `Transaction` to read in. */
  transaction?: SqlExecutor;
}

/** Default page size of global reads. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Rejects a checkpoint that is not a (transaction id, position) pair. */
export function assertCheckpoint(checkpoint: Checkpoint | undefined): void {
  if (checkpoint === undefined) return;
  if (!/^\d+$/.test(checkpoint.transactionId))
    throw new ValidationError('after.transactionId', 'a decimal transaction id');
  if (!Number.isSafeInteger(checkpoint.position) || checkpoint.position < 0) {
    throw new ValidationError('after.position', 'a non-negative integer');
  }
}

/**
 * Reads the next page of the global order: events of transactions that have
 * ended (below the snapshot's xmin), by (transaction id, position). No event can
 * later appear before the last one returned, so resuming after it never skips
 * one (docs/decisions/0002-gap-free-global-order.md).
 */
export async function readAll(
  db: SqlExecutor,
  options: ReadAllOptions = {},
): Promise<StoredEvent[]> {
  // The option existed once and looked like a resume point; a JavaScript caller still passing it is told why not.
  if ('fromPosition' in options)
    throw new ValidationError(
      'fromPosition',
      'no such option: resume with after: checkpointOf(lastEvent)',
    );
  return readGlobalPage(db, options);
}

/**
 * `readAll` with a filter on global position, for subscriptions that only want
 * events at or above a position. It still resumes by `after`.
 */
export async function readGlobalPage(
  db: SqlExecutor,
  options: ReadAllOptions & { fromPosition?: number; omitDataOf?: readonly string[] },
): Promise<StoredEvent[]> {
  assertCheckpoint(options.after);
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ValidationError('limit', 'a positive integer');
  const fromPosition = options.fromPosition ?? 1;
  if (!Number.isSafeInteger(fromPosition) || fromPosition < 0) {
    throw new ValidationError('fromPosition', 'a non-negative integer');
  }
  const after = options.after ?? { transactionId: '0', position: 0 };
  const omitted = options.omitDataOf ?? [];
  const columns =
    omitted.length === 0
      ? eventColumns
      : eventColumnsWithData(
          sql`CASE WHEN split_part(stream_id, '-', 1) = ANY(${[...omitted]}::text[]) THEN NULL ELSE data END`,
        );
  const { rows } = await sql<EventRow>`
    SELECT ${columns} FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND (transaction_id, position) > (${after.transactionId}::xid8, ${after.position}::bigint)
      AND position >= ${fromPosition}::bigint
    -- Qualified: the select list exposes transaction_id as text, which would sort '10' before '9'.
    ORDER BY events.transaction_id, events.position
    LIMIT ${limit}
  `.execute(options.transaction ?? db);
  return rows.map(toStoredEvent);
}

/**
 * The highest global position a reader can see now (0 when none): the newest
 * event of an ended transaction. Walks the primary key backwards, skipping only
 * the few events of transactions still in flight.
 */
export async function headPosition(db: SqlExecutor, transaction?: SqlExecutor): Promise<number> {
  const { rows } = await sql<{ position: number }>`
    SELECT position FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY position DESC
    LIMIT 1
  `.execute(transaction ?? db);
  return rows[0]?.position ?? 0;
}

/**
 * The checkpoint of the last event, in commit order, of every transaction that
 * has committed now (at or above `fromPosition`), or undefined when there is
 * none. Unlike `headPosition` it ignores the horizon: a reader that has handled
 * this event has handled everything committed before the call.
 */
export async function commitHead(
  db: SqlExecutor,
  options: { fromPosition?: number; transaction?: SqlExecutor } = {},
): Promise<Checkpoint | undefined> {
  const fromPosition = options.fromPosition ?? 1;
  if (!Number.isSafeInteger(fromPosition) || fromPosition < 0) {
    throw new ValidationError('fromPosition', 'a non-negative integer');
  }
  const { rows } = await sql<{ transactionId: string; position: number | string }>`
    SELECT transaction_id::text AS "transactionId", position FROM events
    WHERE position >= ${fromPosition}::bigint
    ORDER BY events.transaction_id DESC, events.position DESC
    LIMIT 1
  `.execute(options.transaction ?? db);
  const row = rows[0];
  return row === undefined
    ? undefined
    : { transactionId: row.transactionId, position: Number(row.position) };
}
