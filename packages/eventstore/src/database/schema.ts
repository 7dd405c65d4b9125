import type { ColumnType, Generated } from 'kysely';

/** Row of the `events` table as Kysely sees it. */
export interface EventsTable {
  position: Generated<number>;
  /** xid8; always read through `::text`. */
  transaction_id: Generated<string>;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: ColumnType<unknown, string, never>;
  metadata: ColumnType<unknown, string, never>;
  recorded_at: ColumnType<Date, string, never>;
  previous_hash: string;
  hash: string;
}

/** Tables owned by the event store; the API extends this with its own. */
export interface EventStoreTables {
  events: EventsTable;
}
