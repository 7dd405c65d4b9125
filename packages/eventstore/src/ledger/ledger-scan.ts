import { GENESIS_HASH, computeEventHash } from '../hashing/event-hash.js';
import type { BrokenLink } from '../hashing/verify-chain.js';
import { leafHashOf, type LedgerLeaf } from './ledger-leaf.js';

/**
 * One pass over the events of a scope, each row carrying its stream
 * predecessor's stored hash and version (a window over the stream) and its
 * sealed leaf (joined by position), so every check is local to the row and the
 * pass splits across workers by stream. Shared by the in-process path and the
 * verify workers.
 */

/** What the scan needs of the scope and the checkpoint; plain data, so it crosses to a worker. */
export interface ScanSpec {
  /** Streams to check; null for all. */
  streamIds: readonly string[] | null;
  /** Leaves at or above this index are not part of the checkpoint compared with. */
  treeSize: number;
  /** Split of the streams across workers: this scan takes those with `abs(hashtext(stream_id)) % shards = shard`. */
  shard: number;
  shards: number;
}

/** The cursor's query, with every value inlined as a literal (`quote` escapes text). */
export function scanQuery(spec: ScanSpec, quote: (text: string) => string): string {
  const scope =
    spec.streamIds === null
      ? 'true'
      : spec.streamIds.length === 0
        ? 'false'
        : `e.stream_id IN (${spec.streamIds.map(quote).join(', ')})`;
  const shard =
    spec.shards <= 1 ? 'true' : `abs(hashtext(e.stream_id)) % ${spec.shards} = ${spec.shard}`;
  return `SELECT e.position::text AS position, e.transaction_id::text AS transaction_id, e.stream_id,
    e.stream_version, e.event_id::text AS event_id, e.type, e.schema_version,
    e.data::text AS data, e.metadata::text AS metadata,
    to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at,
    e.previous_hash, e.hash,
    lag(e.hash) OVER w AS lag_hash, lag(e.stream_version) OVER w AS lag_version,
    l.leaf_index::text AS leaf_index, l.position::text AS leaf_position,
    l.transaction_id::text AS leaf_transaction_id, l.stream_id AS leaf_stream_id,
    l.stream_version AS leaf_stream_version, l.recorded_at AS leaf_recorded_at,
    l.event_hash AS leaf_event_hash, l.leaf_hash
  FROM events e
  LEFT JOIN ledger_leaves l ON l.position = e.position AND l.leaf_index < ${Math.trunc(spec.treeSize)}
  WHERE ${scope} AND ${shard}
  WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.stream_version)`;
}

/** A row of `scanQuery`. */
export interface ScanRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  previous_hash: string;
  hash: string;
  lag_hash: string | null;
  lag_version: number | null;
  leaf_index: string | null;
  leaf_position: string | null;
  leaf_transaction_id: string | null;
  leaf_stream_id: string | null;
  leaf_stream_version: number | null;
  leaf_recorded_at: string | null;
  leaf_event_hash: string | null;
  leaf_hash: string | null;
}

/** A broken link, and whether its event is covered by the checkpoint. */
export interface ScannedLink extends BrokenLink {
  isSealed: boolean;
}

/** What one scan found; plain data. */
export interface ScanResult {
  eventsChecked: number;
  streamsChecked: number;
  sealedEvents: number;
  brokenLinks: ScannedLink[];
  /** Sealed leaves whose own fields no longer give their stored hash. */
  alteredLeaves: { leafIndex: number; streamId: string; streamVersion: number }[];
  /** Events that differ from their sealed leaf: [sealed, now]. */
  changed: [LedgerLeaf, LedgerLeaf][];
  /** Events with no sealed leaf (new since the checkpoint, or inserted). */
  leafless: LedgerLeaf[];
}

export function emptyScanResult(): ScanResult {
  return {
    eventsChecked: 0,
    streamsChecked: 0,
    sealedEvents: 0,
    brokenLinks: [],
    alteredLeaves: [],
    changed: [],
    leafless: [],
  };
}

/** Merges `from` into `into`. */
export function mergeScanResults(into: ScanResult, from: ScanResult): void {
  into.eventsChecked += from.eventsChecked;
  into.streamsChecked += from.streamsChecked;
  into.sealedEvents += from.sealedEvents;
  into.brokenLinks.push(...from.brokenLinks);
  into.alteredLeaves.push(...from.alteredLeaves);
  into.changed.push(...from.changed);
  into.leafless.push(...from.leafless);
}

/** `2026-12-07T09:41:02.123456Z` -> `2026-12-07T09:41:02.123Z`, the precision an event's hash covers. */
function toMilliseconds(recordedAt: string): Date {
  return new Date(`${recordedAt.slice(0, 23)}Z`);
}

/** Checks one row; `collectsLeafless` is false when there is no checkpoint (every event is new). */
export function scanRow(row: ScanRow, result: ScanResult, collectsLeafless: boolean): void {
  result.eventsChecked += 1;
  if (row.lag_version === null) result.streamsChecked += 1;
  const position = Number(row.position);
  const isSealed = row.leaf_index !== null;
  const at = { streamId: row.stream_id, streamVersion: row.stream_version, position, isSealed };
  const expectedVersion = row.lag_version === null ? 0 : row.lag_version + 1;
  const expectedPrevious = row.lag_hash ?? GENESIS_HASH;
  if (row.stream_version !== expectedVersion) {
    result.brokenLinks.push({
      ...at,
      reason: 'version_gap',
      expected: String(expectedVersion),
      actual: String(row.stream_version),
    });
  } else if (row.previous_hash !== expectedPrevious) {
    result.brokenLinks.push({
      ...at,
      reason: 'previous_hash_mismatch',
      expected: expectedPrevious,
      actual: row.previous_hash,
    });
  }
  const recomputed = computeEventHash(row.previous_hash, {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as unknown,
    recordedAt: toMilliseconds(row.recorded_at),
  });
  if (recomputed !== row.hash) {
    result.brokenLinks.push({
      ...at,
      reason: 'hash_mismatch',
      expected: recomputed,
      actual: row.hash,
    });
  }
  const now: LedgerLeaf = {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position,
    transactionId: row.transaction_id,
    recordedAt: row.recorded_at,
    eventHash: row.hash,
  };
  if (!isSealed) {
    if (collectsLeafless) result.leafless.push(now);
    return;
  }
  result.sealedEvents += 1;
  const sealed: LedgerLeaf = {
    streamId: row.leaf_stream_id as string,
    streamVersion: row.leaf_stream_version as number,
    position: Number(row.leaf_position),
    transactionId: row.leaf_transaction_id as string,
    recordedAt: row.leaf_recorded_at as string,
    eventHash: row.leaf_event_hash as string,
  };
  if (leafHashOf(sealed) !== row.leaf_hash) {
    result.alteredLeaves.push({
      leafIndex: Number(row.leaf_index),
      streamId: sealed.streamId,
      streamVersion: sealed.streamVersion,
    });
  }
  if (
    sealed.streamId !== now.streamId ||
    sealed.streamVersion !== now.streamVersion ||
    sealed.transactionId !== now.transactionId ||
    sealed.recordedAt !== now.recordedAt ||
    sealed.eventHash !== now.eventHash
  ) {
    result.changed.push([sealed, now]);
  }
}
