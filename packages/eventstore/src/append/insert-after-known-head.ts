import { sql, type RawBuilder } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { PREPARED_MARKER } from '../database/prepared-statements.js';
import { hashFromParts } from '../hashing/event-hash.js';
import type { AppendStatementRow } from './append-statement.js';
import type { PreparedEvent } from './prepare-events.js';
import type { StreamHead } from './stream-head-cache.js';
import { EVENTS_CHANNEL } from './wake-up-notifier.js';

/** What the insert returns per row; version, hashes and head come from the caller. */
interface InsertedRow {
  position: number;
  stream_version: number;
  transaction_id: string;
}

/**
 * The rows of an append. A single event goes in as one VALUES row; a batch as
 * one row per event of a JSON document (see batchDocument). Either text is the
 * same for every call, so each is prepared once per connection, and a batch
 * costs two parameters instead of ten per event. The VALUES form spares the
 * server the document decoding and sort that a one-event batch does not need.
 */
function insertRows(streamId: string, columns: BatchColumns): RawBuilder<InsertedRow> {
  const returning = sql`RETURNING position, stream_version, transaction_id::text AS transaction_id`;
  if (columns.versions.length === 1) {
    const [version, eventId, type, schemaVersion, data, metadata, recordedAt, previousHash, hash] =
      [
        columns.versions,
        columns.eventIds,
        columns.types,
        columns.schemaVersions,
        columns.data,
        columns.metadata,
        columns.recordedAt,
        columns.previousHashes,
        columns.hashes,
      ].map((column) => column[0]);
    return sql<InsertedRow>`
      INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at,
                          previous_hash, hash)
      VALUES (${streamId}, ${version}::int, ${eventId}::uuid, ${type}::text, ${schemaVersion}::int, ${data}::jsonb,
              ${metadata}::jsonb, ${recordedAt}::timestamptz, ${previousHash}::text, ${hash}::text)
      ${returning}`;
  }
  return sql<InsertedRow>`
    INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at,
                        previous_hash, hash)
    SELECT ${streamId}, batch.version, batch.event_id, batch.type, batch.schema_version, batch.data -> 0,
           batch.metadata -> 0, batch.recorded_at, batch.previous_hash, batch.hash
    FROM jsonb_to_recordset(${batchDocument(columns)}::jsonb)
         AS batch(version int, event_id uuid, type text, schema_version int, data jsonb, metadata jsonb,
                  recorded_at timestamptz, previous_hash text, hash text)
    -- Positions follow stream versions within the batch.
    ORDER BY batch.version
    ${returning}`;
}

/**
 * The batch as one JSON array of rows. Data and metadata are already canonical
 * JSON, so they are spliced in as they are and parsed once, with the document,
 * instead of being escaped into array literals and parsed again. Each is
 * wrapped in a one-element array (and unwrapped with `-> 0`) because the record
 * functions turn a top-level JSON null into SQL NULL, while `null` is valid data.
 */
function batchDocument(columns: BatchColumns): string {
  const rows = columns.versions.map(
    (version, index) =>
      `{"version":${version},"event_id":${JSON.stringify(columns.eventIds[index])}` +
      `,"type":${JSON.stringify(columns.types[index])},"schema_version":${columns.schemaVersions[index]}` +
      `,"data":[${columns.data[index]}],"metadata":[${columns.metadata[index]}]` +
      `,"recorded_at":${JSON.stringify(columns.recordedAt[index])}` +
      `,"previous_hash":${JSON.stringify(columns.previousHashes[index])}` +
      `,"hash":${JSON.stringify(columns.hashes[index])}}`,
  );
  return `[${rows.join(',')}]`;
}

/** One array per inserted column, in stream version order. */
interface BatchColumns {
  versions: number[];
  eventIds: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
  previousHashes: string[];
  hashes: string[];
}

/**
 * The insert, prepared; with `notifiesSubscribers` the wake-up NOTIFY joins the
 * statement and is delivered when the surrounding transaction commits.
 */
function insertStatement(
  streamId: string,
  columns: BatchColumns,
  notifiesSubscribers: boolean,
): RawBuilder<InsertedRow> {
  const rows = insertRows(streamId, columns);
  return notifiesSubscribers
    ? sql<InsertedRow>`${sql.raw(PREPARED_MARKER)}
        WITH inserted AS (${rows})
        SELECT inserted.*, (SELECT pg_notify(${sql.lit(EVENTS_CHANNEL)}, '')) AS notified FROM inserted`
    : sql<InsertedRow>`${sql.raw(PREPARED_MARKER)}${rows}`;
}

/**
 * Appends after a head known to be committed with one plain INSERT, the hashes
 * chained here. The unique (stream_id, stream_version) index makes it fail when
 * the head is stale, and the caller then takes the general path. Rows come back
 * in the shape of `runAppendStatement`'s; `notifiesSubscribers` adds the wake-up
 * NOTIFY to the statement.
 */
export async function insertAfterKnownHead(
  executor: SqlExecutor,
  streamId: string,
  head: StreamHead,
  events: readonly PreparedEvent[],
  notifiesSubscribers: boolean,
): Promise<AppendStatementRow[]> {
  const versions: number[] = [];
  const previousHashes: string[] = [];
  const hashes: string[] = [];
  let previousHash = head.hash;
  for (const [index, event] of events.entries()) {
    const streamVersion = head.version + 1 + index;
    const hash = hashFromParts(previousHash, event, streamVersion);
    versions.push(streamVersion);
    previousHashes.push(previousHash);
    hashes.push(hash);
    previousHash = hash;
  }
  const columns: BatchColumns = {
    versions,
    eventIds: events.map((event) => event.eventId),
    types: events.map((event) => event.type),
    schemaVersions: events.map((event) => event.schemaVersion),
    data: events.map((event) => event.dataJson),
    metadata: events.map((event) => event.metadataJson),
    recordedAt: events.map((event) => event.recordedAt.toISOString()),
    previousHashes,
    hashes,
  };
  const { rows } = await insertStatement(streamId, columns, notifiesSubscribers).execute(executor);
  return rows
    .map((row) => {
      const index = row.stream_version - head.version - 1;
      return {
        actual_version: head.version,
        duplicate_count: 0,
        position: row.position,
        stream_version: row.stream_version,
        transaction_id: row.transaction_id,
        previous_hash: previousHashes[index] as string,
        hash: hashes[index] as string,
      };
    })
    .sort((left, right) => left.stream_version - right.stream_version);
}
