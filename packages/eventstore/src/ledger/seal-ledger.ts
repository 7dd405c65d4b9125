import { sql } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { IllegalState } from '../errors.js';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { leafHashOf, streamHeadsRoot, streamKey } from './ledger-leaf.js';
import {
  insertCheckpoint,
  insertLeaves,
  readLatestCheckpoint,
  readLeavesToSeal,
  readSealedHeads,
  type TransactionalDatabase,
} from './ledger-rows.js';
import { MerkleFrontier } from './merkle.js';

/** Advisory lock key that serialises seals across processes sharing one database. */
const SEAL_LOCK = 0x7468_6c67; // "thlg"

/** Options of one seal. */
export interface SealOptions {
  /** The Ed25519 private key that signs the checkpoint. */
  signingKey: KeyObject;
  /** Source of `sealedAt`. Default: now. */
  clock?: () => Date;
  /** Events read and sealed per round trip. Default: 2000. */
  pageSize?: number;
}

/**
 * Seals every event of an ended transaction not sealed yet: appends their
 * leaves to the log, extends the last checkpoint's tree from its frontier and
 * signs a checkpoint of the new tree. Returns the new checkpoint, or undefined
 * when there was nothing new to seal. Seals from several processes take turns
 * on an advisory lock. Refuses (IllegalState) to extend a last checkpoint
 * whose stored frontier does not give its signed root: sealing over an altered
 * log would bless it.
 */
export async function sealLedger(
  database: TransactionalDatabase,
  options: SealOptions,
): Promise<SignedCheckpoint | undefined> {
  const pageSize = options.pageSize ?? 2000;
  const clock = options.clock ?? (() => new Date());
  return database.transaction().execute(async (transaction) => {
    await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(transaction);
    const latest = await readLatestCheckpoint(transaction);
    const frontier =
      latest === undefined
        ? MerkleFrontier.empty()
        : MerkleFrontier.restore(latest.checkpoint.treeSize, latest.frontier);
    if (latest !== undefined && frontier.root().toString('hex') !== latest.checkpoint.rootHash) {
      throw new IllegalState(
        `the stored frontier of checkpoint ${latest.checkpoint.treeSize} does not give its signed root: the sealed log was altered; run verify`,
      );
    }
    let last = latest?.checkpoint.last ?? null;
    let sealed = 0;
    for (;;) {
      const leaves = await readLeavesToSeal(transaction, last, pageSize);
      if (leaves.length === 0) break;
      await insertLeaves(transaction, frontier.treeSize, leaves);
      for (const leaf of leaves) frontier.append(Buffer.from(leafHashOf(leaf), 'hex'));
      const tail = leaves[leaves.length - 1] as (typeof leaves)[number];
      last = { transactionId: tail.transactionId, position: tail.position };
      sealed += leaves.length;
      if (leaves.length < pageSize) break;
    }
    if (sealed === 0) return undefined;
    const heads = (await readSealedHeads(transaction)).map((head) => ({
      key: streamKey(head.streamId),
      streamVersion: head.streamVersion,
      eventHash: head.eventHash,
    }));
    const checkpoint = signCheckpoint(
      {
        treeSize: frontier.treeSize,
        rootHash: frontier.root().toString('hex'),
        last,
        streamHeads: { treeSize: heads.length, rootHash: streamHeadsRoot(heads) },
        sealedAt: clock().toISOString(),
      },
      options.signingKey,
    );
    await insertCheckpoint(transaction, checkpoint, frontier.toJSON());
    return checkpoint;
  });
}
