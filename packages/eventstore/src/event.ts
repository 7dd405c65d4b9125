/** Metadata every event carries: who did it, for which organisation, and why. */
export interface EventMetadata {
  /** Id of the user or service that caused the event. */
  actor: string;
  /** Id of the organisation the actor acted for. */
  organisation: string;
  /** Id of the event or command that directly caused this event. */
  causationId?: string;
  /** Id shared by every event of one request or workflow. */
  correlationId?: string;
  /** Client that issued the request (for example `web/1.4.0`). */
  client?: string;
  [extra: string]: unknown;
}

/** An event as a writer hands it to `append`. */
export interface NewEvent<Data = unknown> {
  /** UUID; generated when absent. Re-sending the same id makes the append idempotent. */
  eventId?: string;
  /** Past-tense fact, e.g. `ThreatIdentified`. */
  type: string;
  /** Version of the event type's schema; default 1. */
  schemaVersion?: number;
  /** JSON-serialisable payload. */
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored: everything in `NewEvent` plus its place in the stream and the global order. */
export interface StoredEvent<Data = unknown> {
  /** Global position, unique across the store. */
  position: number;
  /** `pg_current_xact_id()` of the writing transaction, as a decimal string (64-bit). */
  transactionId: string;
  streamId: string;
  /** 0 for the first event of a stream, then contiguous. */
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
  /** Hash of the previous event of the stream; 64 zeros for the first event. */
  previousHash: string;
  /** Lower-case hex sha256, see docs/eventstore.md. */
  hash: string;
}

/**
 * Expected stream version for optimistic concurrency: the version of the
 * stream's last event, `no_stream` when the stream must not exist yet, or `any`.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** Where a global reader stands: the commit-order key of the last event it processed. */
export interface Checkpoint {
  transactionId: string;
  position: number;
}

/** The checkpoint that resumes right after `event`. */
export function checkpointOf(event: Pick<StoredEvent, 'transactionId' | 'position'>): Checkpoint {
  return { transactionId: event.transactionId, position: event.position };
}

/**
 * Orders two checkpoints the way readers walk the store: by transaction id,
 * then by position. Negative when `a` comes first, 0 when equal.
 */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return a.position - b.position;
}
