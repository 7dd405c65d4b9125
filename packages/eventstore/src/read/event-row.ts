import { sql, type RawBuilder } from 'kysely';
import type { EventMetadata, StoredEvent } from '../event.js';

/** A row of `events` as the store selects it (xid8 and uuid as text). */
export interface EventRow {
  position: number;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  previous_hash: string;
  hash: string;
}

/** The column list matching `EventRow`. */
export const eventColumns = sql`position, transaction_id::text AS transaction_id, stream_id, stream_version,
  event_id::text AS event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash`;

/** `eventColumns` with the data column replaced by `data` (an expression named data). */
export function eventColumnsWithData(data: RawBuilder<unknown>) {
  return sql`position, transaction_id::text AS transaction_id, stream_id, stream_version,
  event_id::text AS event_id, type, schema_version, ${data} AS data, metadata, recorded_at, previous_hash, hash`;
}

/** Maps a selected row to the public event shape. */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
