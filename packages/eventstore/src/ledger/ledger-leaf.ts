import { createHash } from 'node:crypto';
import { canonicalJson } from '../hashing/canonical-json.js';
import { merkleLeafHash, merkleRoot } from './merkle.js';

/**
 * What the log seals of one event: its place in its stream and in the store's
 * global order, when it was recorded (to the microsecond, as stored) and its
 * own hash, which covers its content and its predecessor in the stream.
 * Together these cover what the event's own hash leaves out (docs/tamper-evidence.md).
 */
export interface LedgerLeaf {
  streamId: string;
  streamVersion: number;
  /** Global position. */
  position: number;
  /** Decimal xid8 of the writing transaction. */
  transactionId: string;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, UTC, exactly as stored. */
  recordedAt: string;
  /** The event's chain hash (lower-case hex). */
  eventHash: string;
}

/** The bytes a leaf hash covers: the RFC 8785 canonical JSON of the leaf. */
export function leafEncoding(leaf: LedgerLeaf): string {
  return canonicalJson({
    eventHash: leaf.eventHash,
    position: leaf.position,
    recordedAt: leaf.recordedAt,
    streamId: leaf.streamId,
    streamVersion: leaf.streamVersion,
    transactionId: leaf.transactionId,
  });
}

/** `H(0x00 || leafEncoding(leaf))` as hex. */
export function leafHashOf(leaf: LedgerLeaf): string {
  return merkleLeafHash(leafEncoding(leaf)).toString('hex');
}

/**
 * The key of a stream in a checkpoint's table of stream heads: SHA-256 of
 * `threatloom/stream/` followed by the stream id, so the checkpoint names no
 * tenant's stream.
 */
export function streamKey(streamId: string): string {
  return createHash('sha256').update(`threatloom/stream/${streamId}`, 'utf8').digest('hex');
}

/** The last sealed event of a stream, keyed by `streamKey`. */
export interface StreamHead {
  key: string;
  streamVersion: number;
  eventHash: string;
}

/** The bytes a stream head's leaf covers (canonical JSON). */
export function streamHeadEncoding(head: StreamHead): string {
  return canonicalJson({
    eventHash: head.eventHash,
    key: head.key,
    streamVersion: head.streamVersion,
  });
}

/** Stream heads in the order their tree takes them: by key. */
export function sortStreamHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((left, right) =>
    left.key < right.key ? -1 : left.key > right.key ? 1 : 0,
  );
}

/** The leaf hashes of the stream-head tree (heads sorted by key). */
export function streamHeadLeaves(heads: readonly StreamHead[]): Buffer[] {
  return sortStreamHeads(heads).map((head) => merkleLeafHash(streamHeadEncoding(head)));
}

/** Root of the Merkle tree over every stream's head, sorted by key. */
export function streamHeadsRoot(heads: readonly StreamHead[]): string {
  return merkleRoot(streamHeadLeaves(heads)).toString('hex');
}
