import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { LedgerNotFound } from './ledger-errors.js';
import type { SignedCheckpoint } from './checkpoint.js';
import { streamKey, streamHeadLeaves, type LedgerLeaf, type StreamHead } from './ledger-leaf.js';
import { readLatestCheckpoint, readStoredLeafHashes, readStoredLeaves } from './ledger-rows.js';
import { consistencyProof, inclusionProof } from './merkle.js';

/** A sealed event's leaf with the audit path that proves it is in a checkpoint's tree. */
export interface InclusionProof {
  leaf: LedgerLeaf;
  leafIndex: number;
  treeSize: number;
  /** Hex hashes, nearest sibling first (RFC 9162 2.1.3). */
  path: string[];
}

/** A stream's head in a checkpoint, with the audit path into its tree of stream heads. */
export interface StreamHeadProof {
  head: StreamHead;
  index: number;
  treeSize: number;
  path: string[];
}

/** Proofs that every sealed event of some streams is in a checkpoint, and what their heads were. */
export interface LedgerProofs {
  checkpoint: SignedCheckpoint;
  inclusions: InclusionProof[];
  streamHeads: StreamHeadProof[];
}

async function allLeafHashes(db: SqlExecutor, treeSize: number): Promise<Buffer[]> {
  const rows = await readStoredLeafHashes(db, 0, treeSize);
  if (rows.length !== treeSize) {
    throw new LedgerNotFound(
      `the log holds ${rows.length} of the ${treeSize} leaves its checkpoint seals`,
    );
  }
  return rows.map((row) => Buffer.from(row.leafHash, 'hex'));
}

/**
 * Inclusion proofs of every sealed event of `streamIds` in the store's latest
 * checkpoint, and the proof of each stream's head in it: what an evidence
 * pack carries, and nothing of any other stream.
 */
export async function proveStreams(
  db: SqlExecutor,
  streamIds: readonly string[],
): Promise<LedgerProofs> {
  const latest = await readLatestCheckpoint(db);
  if (latest === undefined) throw new LedgerNotFound('no checkpoint has been sealed yet');
  const { checkpoint } = latest;
  const hashes = await allLeafHashes(db, checkpoint.treeSize);
  const leaves = (await readStoredLeaves(db, 0, checkpoint.treeSize, streamIds)).filter(
    (leaf) => leaf.leafIndex < checkpoint.treeSize,
  );
  const inclusions = leaves.map((leaf) => ({
    leaf: {
      streamId: leaf.streamId,
      streamVersion: leaf.streamVersion,
      position: leaf.position,
      transactionId: leaf.transactionId,
      recordedAt: leaf.recordedAt,
      eventHash: leaf.eventHash,
    },
    leafIndex: leaf.leafIndex,
    treeSize: checkpoint.treeSize,
    path: inclusionProof(hashes, leaf.leafIndex).map((node) => node.toString('hex')),
  }));
  const heads = await sealedHeadsAt(db, checkpoint.treeSize);
  const headLeaves = streamHeadLeaves(heads);
  const sortedKeys = heads.map((head) => head.key).sort();
  const wanted = new Set(streamIds.map(streamKey));
  const streamHeads = sortedKeys.flatMap((key, index) => {
    if (!wanted.has(key)) return [];
    const head = heads.find((candidate) => candidate.key === key) as StreamHead;
    return [
      {
        head,
        index,
        treeSize: heads.length,
        path: inclusionProof(headLeaves, index).map((node) => node.toString('hex')),
      },
    ];
  });
  return { checkpoint, inclusions, streamHeads };
}

/** The head of every stream among the first `treeSize` sealed leaves. */
async function sealedHeadsAt(db: SqlExecutor, treeSize: number): Promise<StreamHead[]> {
  const { rows } = await sql<{ stream_id: string; stream_version: number; event_hash: string }>`
    SELECT DISTINCT ON (stream_id) stream_id, stream_version, event_hash
    FROM ledger_leaves WHERE leaf_index < ${treeSize}::bigint
    ORDER BY stream_id, stream_version DESC
  `.execute(db);
  return rows.map((row) => ({
    key: streamKey(row.stream_id),
    streamVersion: row.stream_version,
    eventHash: row.event_hash,
  }));
}

/** The consistency proof from the tree of `oldSize` sealed leaves to the latest checkpoint's. */
export async function proveConsistency(
  db: SqlExecutor,
  oldSize: number,
): Promise<{ checkpoint: SignedCheckpoint; oldSize: number; path: string[] }> {
  const latest = await readLatestCheckpoint(db);
  if (latest === undefined) throw new LedgerNotFound('no checkpoint has been sealed yet');
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > latest.checkpoint.treeSize) {
    throw new LedgerNotFound(
      `the log has sealed ${latest.checkpoint.treeSize} events; there is no tree of ${oldSize} to prove`,
    );
  }
  const hashes = await allLeafHashes(db, latest.checkpoint.treeSize);
  return {
    checkpoint: latest.checkpoint,
    oldSize,
    path: consistencyProof(hashes, oldSize).map((node) => node.toString('hex')),
  };
}
