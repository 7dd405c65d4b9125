import type { Database } from './database/open-database.js';
import type { SqlExecutor } from './database/sql-executor.js';
import { appendEvents, type AppendOptions } from './append/append-events.js';
import { StreamHeadCache } from './append/stream-head-cache.js';
import { EVENTS_CHANNEL, WakeUpNotifier } from './append/wake-up-notifier.js';
import { IllegalState } from './errors.js';
import type { Checkpoint, NewEvent, StoredEvent } from './event.js';
import type { VerificationReport } from './hashing/verify-chain.js';
import {
  commitHead,
  headPosition,
  readAll,
  readGlobalPage,
  type ReadAllOptions,
} from './read/read-all.js';
import { readStream, type ReadStreamOptions } from './read/read-stream.js';
import {
  startSubscription,
  type SubscribeOptions,
  type Subscription,
} from './subscribe/subscription.js';
import { verifyStore } from './verify/verify-store.js';

/** Options of an event store. */
export interface EventStoreOptions {
  /** Source of `recordedAt`. Default: `() => new Date()`. */
  clock?: () => Date;
}

/** The database features the store uses; `openDatabase` returns a compatible object. */
export type EventStoreDatabase = Pick<Database<unknown>, 'listen' | 'dialect'> & {
  db: SqlExecutor;
};

/**
 * Append-only, hash-chained event store over an open database (PostgreSQL or
 * PGlite) whose schema is migrated with `eventStoreMigrations`.
 */
export class EventStore {
  private readonly clock: () => Date;
  private readonly notifier: WakeUpNotifier;
  private readonly heads = new StreamHeadCache();
  private readonly subscriptions = new Set<Subscription>();
  private isClosed = false;

  constructor(
    private readonly database: EventStoreDatabase,
    options: EventStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.notifier = new WakeUpNotifier(database.db);
  }

  /**
   * Appends events to a stream atomically, checking `expectedVersion`; throws
   * `WrongExpectedVersion` on a mismatch and `DuplicateEventId` when an event id is
   * stored as a different event. Re-appending the same events is a no-op that
   * returns them as stored.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<StoredEvent[]> {
    return appendEvents(
      {
        db: this.database.db,
        dialect: this.database.dialect,
        clock: this.clock,
        notifier: this.notifier,
        heads: this.heads,
      },
      streamId,
      events,
      options,
    );
  }

  /** Reads one stream in version order (versions start at 0). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return readStream(this.database.db, streamId, options);
  }

  /** Reads one page of the global, commit-safe order; resume with `after: checkpointOf(lastEvent)`. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return readAll(this.database.db, options);
  }

  /**
   * Catches up from a checkpoint, then follows live appends. Throws
   * IllegalState once the store is closed: a subscription started then would
   * hold a LISTEN connection nobody stops.
   */
  subscribe(options: SubscribeOptions): Subscription {
    if (this.isClosed) throw new IllegalState('the event store is closed: no new subscription');
    const subscription = startSubscription(
      {
        readPage: (after, fromPosition, limit, omitDataOf) =>
          readGlobalPage(this.database.db, {
            limit,
            omitDataOf,
            ...(after === undefined ? {} : { after }),
            ...(fromPosition === undefined ? {} : { fromPosition }),
          }),
        onWakeUp: (callback) => this.database.listen(EVENTS_CHANNEL, callback),
        commitHead: (fromPosition) =>
          commitHead(this.database.db, fromPosition === undefined ? {} : { fromPosition }),
      },
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.finished
      .catch(() => undefined)
      .finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** The highest global position readers can see now; 0 for an empty store. */
  headPosition(options: { transaction?: SqlExecutor } = {}): Promise<number> {
    return headPosition(this.database.db, options.transaction);
  }

  /**
   * Checkpoint of the last committed event in commit order (at or above
   * `fromPosition`), horizon or not; undefined for an empty store. A reader
   * that has reached it has seen everything committed before the call.
   */
  commitHead(
    options: { fromPosition?: number; transaction?: SqlExecutor } = {},
  ): Promise<Checkpoint | undefined> {
    return commitHead(this.database.db, options);
  }

  /** Recomputes the hash chain of one stream, or of all streams, and reports each stream's first broken link. */
  verify(streamId?: string): Promise<VerificationReport> {
    return verifyStore(this.database.db, streamId);
  }

  /**
   * Closes what the store opened: stops every subscription (ending its LISTEN
   * connection) and waits for pending wake-ups; refuses new subscriptions from
   * then on. The database it was given stays open: whoever opened it closes it.
   */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.notifier.drain();
  }
}
