import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { Conflict, DuplicateEventId, WrongExpectedVersion } from '../errors.js';
import type { ExpectedVersion, NewEvent, StoredEvent } from '../event.js';
import { canonicalJson } from '../hashing/canonical-json.js';
import { eventColumns, toStoredEvent, type EventRow } from '../read/event-row.js';
import { runAppendStatement, type AppendStatementRow } from './append-statement.js';
import {
  assertExpectedVersion,
  assertStreamId,
  prepareEvents,
  type PreparedEvent,
} from './prepare-events.js';
import { insertAfterKnownHead } from './insert-after-known-head.js';
import type { StreamHead, StreamHeadCache } from './stream-head-cache.js';
import type { WakeUpNotifier } from './wake-up-notifier.js';
import { GENESIS_HASH } from '../hashing/event-hash.js';

/** Options of one append. */
export interface AppendOptions {
  /** Version of the stream's last event, `no_stream`, or `any`. */
  expectedVersion: ExpectedVersion;
  /** A Kysely `Transaction` to append in; without one the append commits on its own. */
  transaction?: SqlExecutor;
}

/** What an append needs from the store that owns it. */
export interface AppendContext {
  db: SqlExecutor;
  dialect: 'postgres' | 'pglite';
  clock: () => Date;
  notifier: WakeUpNotifier;
  heads: StreamHeadCache;
}

/** Attempts before giving up when concurrent writers keep taking the next version. */
const MAX_ATTEMPTS = 20;

/** Appends `events` to `streamId` atomically; see EventStore.append. */
export async function appendEvents(
  context: AppendContext,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<StoredEvent[]> {
  assertStreamId(streamId);
  assertExpectedVersion(options.expectedVersion);
  const prepared = prepareEvents(streamId, events, context.clock());
  const expectedHeadVersion =
    options.expectedVersion === 'any'
      ? null
      : options.expectedVersion === 'no_stream'
        ? -1
        : options.expectedVersion;
  // PGlite has one session, so a NOTIFY in the statement costs nothing; inside a caller's transaction it fires
  // at that transaction's commit. On PostgreSQL's autocommit path the notifier sends it after the commit instead.
  const notifiesInStatement = options.transaction !== undefined || context.dialect === 'pglite';
  // The first attempt leaves duplicate ids to the unique index; a retry looks them up to tell a repeat from a conflict.
  const run = (executor: SqlExecutor, isRetry: boolean) =>
    runAppendStatement(
      executor,
      streamId,
      expectedHeadVersion,
      isRetry,
      prepared,
      notifiesInStatement,
    );

  // Without a caller transaction, an append after a head this store saw commit is a plain INSERT.
  const knownHead =
    options.transaction === undefined
      ? knownHeadFor(context.heads, streamId, options.expectedVersion)
      : undefined;
  let rows: AppendStatementRow[] | undefined;
  if (knownHead) {
    try {
      rows = await insertAfterKnownHead(
        context.db,
        streamId,
        knownHead,
        prepared,
        notifiesInStatement,
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      context.heads.forget(streamId);
    }
  }
  const startsAsRetry = knownHead !== undefined;
  rows ??=
    options.transaction === undefined
      ? await retryOnUniqueViolation(
          (isRetry) => run(context.db, isRetry || startsAsRetry),
          streamId,
        )
      : await retryOnUniqueViolation(
          (isRetry) =>
            inSavepoint(options.transaction as SqlExecutor, (executor) => run(executor, isRetry)),
          streamId,
        );

  const inserted = rows.filter((row) => row.position !== null);
  if (inserted.length === prepared.length) {
    const last = inserted.at(-1) as AppendStatementRow;
    // A head appended in a caller's transaction is not known to commit, so it is not remembered.
    if (options.transaction === undefined) {
      context.heads.remember(streamId, {
        version: last.stream_version as number,
        hash: last.hash as string,
      });
    } else {
      context.heads.forget(streamId);
    }
    if (!notifiesInStatement) context.notifier.wakeUp();
    return inserted.map((row, index) =>
      toAppendedEvent(streamId, prepared[index] as PreparedEvent, row),
    );
  }
  const head = rows[0] as AppendStatementRow;
  if (head.duplicate_count > 0) {
    return resolveDuplicates(
      options.transaction ?? context.db,
      streamId,
      prepared,
      expectedHeadVersion,
    );
  }
  throw new WrongExpectedVersion(streamId, options.expectedVersion, head.actual_version);
}

/** The head an append can build on without reading it: a new stream's, or one this store saw commit. */
function knownHeadFor(
  heads: StreamHeadCache,
  streamId: string,
  expectedVersion: ExpectedVersion,
): StreamHead | undefined {
  if (expectedVersion === 'no_stream') return { version: -1, hash: GENESIS_HASH };
  const head = heads.get(streamId);
  if (head === undefined) return undefined;
  return expectedVersion === 'any' || expectedVersion === head.version ? head : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}

/**
 * A unique violation means a concurrent writer took the version (or event id)
 * between our read and our insert; re-running the statement sees its commit and
 * either appends after it (`any`) or reports the mismatch or duplicate precisely.
 */
async function retryOnUniqueViolation<T>(
  attempt: (isRetry: boolean) => Promise<T>,
  streamId: string,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber > 1);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attemptNumber >= MAX_ATTEMPTS) {
        throw new Conflict(
          `stream ${streamId}: gave up after ${MAX_ATTEMPTS} concurrent write conflicts`,
        );
      }
    }
  }
}

/** Runs inside a savepoint so a unique violation does not abort the caller's transaction. */
async function inSavepoint<T>(
  transaction: SqlExecutor,
  body: (executor: SqlExecutor) => Promise<T>,
): Promise<T> {
  await sql`SAVEPOINT threatloom_append`.execute(transaction);
  try {
    const result = await body(transaction);
    await sql`RELEASE SAVEPOINT threatloom_append`.execute(transaction);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT threatloom_append`.execute(transaction);
    throw error;
  }
}

function toAppendedEvent(
  streamId: string,
  event: PreparedEvent,
  row: AppendStatementRow,
): StoredEvent {
  return {
    position: row.position as number,
    transactionId: row.transaction_id as string,
    streamId,
    streamVersion: row.stream_version as number,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    // Parsed back from the stored JSON so the result equals what a read returns.
    data: JSON.parse(event.dataJson) as unknown,
    metadata: JSON.parse(event.metadataJson) as StoredEvent['metadata'],
    recordedAt: event.recordedAt,
    previousHash: row.previous_hash as string,
    hash: row.hash as string,
  };
}

/**
 * Some event ids are already stored. It is a retry of the same append (a no-op
 * returning the stored events) only when every event is stored, unchanged, in
 * this stream, contiguously and at the expected place.
 */
async function resolveDuplicates(
  executor: SqlExecutor,
  streamId: string,
  prepared: readonly PreparedEvent[],
  expectedHeadVersion: number | null,
): Promise<StoredEvent[]> {
  const eventIds = prepared.map((event) => event.eventId);
  const { rows } = await sql<EventRow>`
    SELECT ${eventColumns} FROM events WHERE event_id = ANY(${eventIds}::uuid[])
  `.execute(executor);
  const storedById = new Map(rows.map((row) => [row.event_id, toStoredEvent(row)]));
  const stored = prepared.map((event) => storedById.get(event.eventId));
  const firstVersion = stored[0]?.streamVersion;
  const isSamePlace = (version: number, index: number) =>
    firstVersion !== undefined &&
    version === firstVersion + index &&
    (expectedHeadVersion === null || firstVersion === expectedHeadVersion + 1);
  const isSameEvent = prepared.every((event, index) => {
    const match = stored[index];
    return (
      match !== undefined &&
      match.streamId === streamId &&
      isSamePlace(match.streamVersion, index) &&
      match.type === event.type &&
      match.schemaVersion === event.schemaVersion &&
      canonicalJson(match.data) === event.dataJson &&
      canonicalJson(match.metadata) === event.metadataJson
    );
  });
  if (!isSameEvent) throw new DuplicateEventId(streamId, [...storedById.keys()]);
  return stored as StoredEvent[];
}
