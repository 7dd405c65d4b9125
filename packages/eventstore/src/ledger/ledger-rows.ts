import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import type { Checkpoint } from '../event.js';
import { leafHashOf, type LedgerLeaf } from './ledger-leaf.js';
import type { SignedCheckpoint } from './checkpoint.js';

/** A database the ledger can open transactions on (a Kysely instance). */
export interface TransactionalDatabase {
  transaction(): { execute<T>(body: (transaction: SqlExecutor) => Promise<T>): Promise<T> };
}

/** Recorded time as stored, to the microsecond, in UTC. */
const recordedAtText = sql`to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface LeafRow {
  position: string | number;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  recorded_at: string;
  hash: string;
}

function toLeaf(row: LeafRow): LedgerLeaf {
  return {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: Number(row.position),
    transactionId: row.transaction_id,
    recordedAt: row.recorded_at,
    eventHash: row.hash,
  };
}

/**
 * The next page of leaves of ended transactions after `after`, in the store's
 * global order (the horizon of docs/decisions/0002), as a seal takes them.
 */
export async function readLeavesToSeal(
  executor: SqlExecutor,
  after: Checkpoint | null,
  limit: number,
): Promise<LedgerLeaf[]> {
  const from = after ?? { transactionId: '0', position: 0 };
  const { rows } = await sql<LeafRow>`
    SELECT position, transaction_id::text AS transaction_id, stream_id, stream_version,
           ${recordedAtText} AS recorded_at, hash
    FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND (transaction_id, position) > (${from.transactionId}::xid8, ${from.position}::bigint)
    ORDER BY events.transaction_id, events.position
    LIMIT ${limit}
  `.execute(executor);
  return rows.map(toLeaf);
}

/**
 * Every stored event as a leaf, in global order, ignoring the horizon (a
 * verifier must see an event whose transaction id was moved out of readers'
 * sight), optionally of the given streams only; in pages after `after`.
 */
export async function readCurrentLeaves(
  executor: SqlExecutor,
  after: Checkpoint | null,
  limit: number,
  streamIds: readonly string[] | null,
): Promise<LedgerLeaf[]> {
  const from = after ?? { transactionId: '0', position: -1 };
  const { rows } = await sql<LeafRow>`
    SELECT position, transaction_id::text AS transaction_id, stream_id, stream_version,
           ${recordedAtText} AS recorded_at, hash
    FROM events
    WHERE (transaction_id, position) > (${from.transactionId}::xid8, ${from.position}::bigint)
      AND (${streamIds === null}::boolean OR stream_id = ANY(${streamIds ?? []}::text[]))
    ORDER BY events.transaction_id, events.position
    LIMIT ${limit}
  `.execute(executor);
  return rows.map(toLeaf);
}

/** A sealed leaf as stored, with the hash stored beside it. */
export interface StoredLeaf extends LedgerLeaf {
  leafIndex: number;
  leafHash: string;
}

interface StoredLeafRow extends LeafRow {
  leaf_index: string | number;
  leaf_hash: string;
  event_hash: string;
}

/** Sealed leaves from `fromIndex` (inclusive), in leaf order; of the given streams only when asked. */
export async function readStoredLeaves(
  executor: SqlExecutor,
  fromIndex: number,
  limit: number,
  streamIds: readonly string[] | null = null,
): Promise<StoredLeaf[]> {
  const { rows } = await sql<StoredLeafRow>`
    SELECT leaf_index, position, transaction_id::text AS transaction_id, stream_id, stream_version,
           recorded_at, event_hash, leaf_hash
    FROM ledger_leaves
    WHERE leaf_index >= ${fromIndex}::bigint
      AND (${streamIds === null}::boolean OR stream_id = ANY(${streamIds ?? []}::text[]))
    ORDER BY leaf_index
    LIMIT ${limit}
  `.execute(executor);
  return rows.map((row) => ({
    ...toLeaf({ ...row, hash: row.event_hash }),
    leafIndex: Number(row.leaf_index),
    leafHash: row.leaf_hash,
  }));
}

/** Only the stored leaf hashes of `[fromIndex, toIndex)`, for rebuilding a root. */
export async function readStoredLeafHashes(
  executor: SqlExecutor,
  fromIndex: number,
  toIndex: number,
): Promise<{ leafIndex: number; leafHash: string }[]> {
  const { rows } = await sql<{ leaf_index: string | number; leaf_hash: string }>`
    SELECT leaf_index, leaf_hash FROM ledger_leaves
    WHERE leaf_index >= ${fromIndex}::bigint AND leaf_index < ${toIndex}::bigint
    ORDER BY leaf_index
  `.execute(executor);
  return rows.map((row) => ({ leafIndex: Number(row.leaf_index), leafHash: row.leaf_hash }));
}

/** Appends sealed leaves, numbered from `firstIndex`. */
export async function insertLeaves(
  executor: SqlExecutor,
  firstIndex: number,
  leaves: readonly LedgerLeaf[],
): Promise<void> {
  if (leaves.length === 0) return;
  await sql`
    INSERT INTO ledger_leaves
      (leaf_index, position, transaction_id, stream_id, stream_version, recorded_at, event_hash, leaf_hash)
    SELECT * FROM unnest(
      ${leaves.map((_, index) => firstIndex + index)}::bigint[],
      ${leaves.map((leaf) => leaf.position)}::bigint[],
      ${leaves.map((leaf) => leaf.transactionId)}::xid8[],
      ${leaves.map((leaf) => leaf.streamId)}::text[],
      ${leaves.map((leaf) => leaf.streamVersion)}::int[],
      ${leaves.map((leaf) => leaf.recordedAt)}::text[],
      ${leaves.map((leaf) => leaf.eventHash)}::text[],
      ${leaves.map(leafHashOf)}::text[]
    )
  `.execute(executor);
}

/** A stored checkpoint and the frontier of its tree. */
export interface StoredCheckpoint {
  checkpoint: SignedCheckpoint;
  frontier: string[];
}

/** The stored checkpoint of the largest tree, if any. */
export async function readLatestCheckpoint(
  executor: SqlExecutor,
): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql<{ checkpoint: string; frontier: string[] }>`
    SELECT checkpoint, frontier FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1
  `.execute(executor);
  const row = rows[0];
  if (row === undefined) return undefined;
  return { checkpoint: JSON.parse(row.checkpoint) as SignedCheckpoint, frontier: row.frontier };
}

/**
 * The first checkpoint that sealed the event at `streamVersion` of `streamId`
 * (the smallest tree holding its leaf), or undefined while it is unsealed.
 */
export async function readCheckpointSealing(
  executor: SqlExecutor,
  streamId: string,
  streamVersion: number,
): Promise<SignedCheckpoint | undefined> {
  const { rows } = await sql<{ checkpoint: string }>`
    SELECT c.checkpoint FROM ledger_checkpoints c
    WHERE c.tree_size > (
      SELECT l.leaf_index FROM ledger_leaves l
      WHERE l.stream_id = ${streamId} AND l.stream_version = ${streamVersion}
      ORDER BY l.leaf_index LIMIT 1
    )
    ORDER BY c.tree_size LIMIT 1
  `.execute(executor);
  const row = rows[0];
  return row === undefined ? undefined : (JSON.parse(row.checkpoint) as SignedCheckpoint);
}

/** Every stored checkpoint, smallest tree first. */
export async function readCheckpoints(executor: SqlExecutor): Promise<SignedCheckpoint[]> {
  const { rows } = await sql<{ checkpoint: string }>`
    SELECT checkpoint FROM ledger_checkpoints ORDER BY tree_size
  `.execute(executor);
  return rows.map((row) => JSON.parse(row.checkpoint) as SignedCheckpoint);
}

/** Stores a signed checkpoint with the frontier its successor extends. */
export async function insertCheckpoint(
  executor: SqlExecutor,
  checkpoint: SignedCheckpoint,
  frontier: readonly string[],
): Promise<void> {
  await sql`
    INSERT INTO ledger_checkpoints (tree_size, checkpoint, frontier)
    VALUES (${checkpoint.treeSize}::bigint, ${JSON.stringify(checkpoint)}, ${[...frontier]}::text[])
  `.execute(executor);
}

/** The sealed head of every stream: its last sealed version and that event's hash. */
export async function readSealedHeads(
  executor: SqlExecutor,
): Promise<{ streamId: string; streamVersion: number; eventHash: string }[]> {
  const { rows } = await sql<{ stream_id: string; stream_version: number; event_hash: string }>`
    SELECT DISTINCT ON (stream_id) stream_id, stream_version, event_hash
    FROM ledger_leaves
    ORDER BY stream_id, stream_version DESC
  `.execute(executor);
  return rows.map((row) => ({
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventHash: row.event_hash,
  }));
}
