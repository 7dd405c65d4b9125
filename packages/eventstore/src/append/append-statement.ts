import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import type { PreparedEvent } from './prepare-events.js';
import { PREPARED_MARKER } from '../database/prepared-statements.js';
import { EVENTS_CHANNEL } from './wake-up-notifier.js';

/** One row per inserted event, or a single row with null event columns when nothing was inserted. */
export interface AppendStatementRow {
  actual_version: number;
  duplicate_count: number;
  position: number | null;
  stream_version: number | null;
  transaction_id: string | null;
  previous_hash: string | null;
  hash: string | null;
}

/**
 * Appends a batch in one round trip and one atomic statement through
 * `threatloom_append_events` (migration 20261124T0920): reads the stream head,
 * checks the expected version (and event-id duplicates when `checksDuplicates`
 * or the version mismatches), chains the hashes and inserts. When a check fails nothing is inserted and the head version and
 * duplicate count come back for the error. A concurrent writer that wins the
 * same version makes this statement fail with a unique violation.
 *
 * `expectedHeadVersion` is the version the last stored event must have (-1 for
 * no stream) or null for any. `notifiesSubscribers` adds the wake-up NOTIFY to
 * the same statement, delivered when the surrounding transaction commits.
 */
export async function runAppendStatement(
  executor: SqlExecutor,
  streamId: string,
  expectedHeadVersion: number | null,
  checksDuplicates: boolean,
  events: readonly PreparedEvent[],
  notifiesSubscribers: boolean,
): Promise<AppendStatementRow[]> {
  // Fixed text (batches as arrays, flags as parameters), so it is prepared once per connection.
  const result = await sql<AppendStatementRow>`${sql.raw(PREPARED_MARKER)}
    SELECT actual_version, duplicate_count, event_position AS position, event_stream_version AS stream_version,
           event_transaction_id AS transaction_id, event_previous_hash AS previous_hash, event_hash AS hash,
           (SELECT pg_notify(${EVENTS_CHANNEL}, '') WHERE ${notifiesSubscribers}::boolean) AS notified
    FROM threatloom_append_events(
      ${streamId},
      ${expectedHeadVersion}::int,
      ${checksDuplicates}::boolean,
      ${events.map((event) => event.eventId)}::uuid[],
      ${events.map((event) => event.type)}::text[],
      ${events.map((event) => event.schemaVersion)}::int[],
      ${events.map((event) => event.dataJson)}::text[],
      ${events.map((event) => event.metadataJson)}::text[],
      ${events.map((event) => event.recordedAt.toISOString())}::timestamptz[],
      ${events.map((event) => event.prefix)}::text[],
      ${events.map((event) => event.suffix)}::text[]
    )
  `.execute(executor);
  // RETURNING follows insertion order already; sorting makes the contract explicit and costs nothing.
  return result.rows.sort(
    (left, right) => (left.stream_version ?? 0) - (right.stream_version ?? 0),
  );
}
