import { GENESIS_HASH, computeEventHash, type HashableEvent } from './event-hash.js';

/** An event as `verifyChain` needs it: the hashed fields plus its stored links. */
export interface VerifiableEvent extends HashableEvent {
  position: number;
  previousHash: string;
  hash: string;
}

/** Why a link of a chain does not hold. */
export type BrokenLinkReason =
  | 'hash_mismatch' // the stored hash is not the hash of the stored content
  | 'previous_hash_mismatch' // the event does not point at the stored hash of its predecessor
  | 'version_gap'; // the stream's versions do not run 0, 1, 2, ...

/** An event whose link or content does not verify. */
export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  position: number;
  reason: BrokenLinkReason;
  expected: string;
  actual: string;
}

/** Outcome of a verification: every broken link of every stream. */
export interface VerificationReport {
  isValid: boolean;
  eventsChecked: number;
  streamsChecked: number;
  brokenLinks: BrokenLink[];
}

/**
 * Checks hash chains incrementally, one event at a time, so a store can stream
 * millions of events through it. Events must arrive grouped by stream and in
 * version order within a stream. Every broken link is reported, not only a
 * stream's first: after a break the chain is followed on from the event that
 * broke it, and each event's content is checked against its own stored hash
 * whatever its link, so a second tampered event in a stream is named too.
 */
export class ChainVerifier {
  private currentStream: string | undefined;
  private expectedVersion = 0;
  private previousHash = GENESIS_HASH;
  private eventsChecked = 0;
  private streamsChecked = 0;
  private readonly brokenLinks: BrokenLink[] = [];

  /** Checks the next event. */
  push(event: VerifiableEvent): void {
    if (event.streamId !== this.currentStream) {
      this.currentStream = event.streamId;
      this.expectedVersion = 0;
      this.previousHash = GENESIS_HASH;
      this.streamsChecked += 1;
    }
    this.eventsChecked += 1;
    const at = {
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      position: event.position,
    };
    if (event.streamVersion !== this.expectedVersion) {
      this.brokenLinks.push({
        ...at,
        reason: 'version_gap',
        expected: String(this.expectedVersion),
        actual: String(event.streamVersion),
      });
    } else if (event.previousHash !== this.previousHash) {
      this.brokenLinks.push({
        ...at,
        reason: 'previous_hash_mismatch',
        expected: this.previousHash,
        actual: event.previousHash,
      });
    }
    const recomputed = computeEventHash(event.previousHash, event);
    if (recomputed !== event.hash) {
      this.brokenLinks.push({
        ...at,
        reason: 'hash_mismatch',
        expected: recomputed,
        actual: event.hash,
      });
    }
    this.expectedVersion = event.streamVersion + 1;
    this.previousHash = event.hash;
  }

  /** The report over every event pushed so far. */
  report(): VerificationReport {
    return {
      isValid: this.brokenLinks.length === 0,
      eventsChecked: this.eventsChecked,
      streamsChecked: this.streamsChecked,
      brokenLinks: [...this.brokenLinks],
    };
  }
}

/**
 * Recomputes the hash chains of the given events (any number of streams, in any
 * order) without a database, e.g. over an exported evidence pack.
 */
export function verifyChain(events: readonly VerifiableEvent[]): VerificationReport {
  const ordered = [...events].sort((left, right) =>
    left.streamId === right.streamId
      ? left.streamVersion - right.streamVersion
      : left.streamId < right.streamId
        ? -1
        : 1,
  );
  const verifier = new ChainVerifier();
  for (const event of ordered) verifier.push(event);
  return verifier.report();
}
