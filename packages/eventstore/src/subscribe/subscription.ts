import { ValidationError } from '../errors.js';
import { checkpointOf, compareCheckpoints, type Checkpoint, type StoredEvent } from '../event.js';
import { assertCheckpoint, DEFAULT_PAGE_SIZE } from '../read/read-all.js';

/** Options of a subscription to the global order. */
export type SubscribeOptions = SubscribeBaseOptions &
  (
    | {
        /** Called once per event, in commit-safe order; the next event waits for the returned promise. */
        handler: (event: StoredEvent) => Promise<void> | void;
        handlePage?: never;
      }
    | {
        /**
         * Called once per page read (never empty), in commit-safe order; the
         * next page waits for the returned promise. For handlers that do one
         * piece of work per batch (one transaction, one write per entity).
         */
        handlePage: (events: readonly StoredEvent[]) => Promise<void> | void;
        handler?: never;
      }
  );

/** Options of a subscription besides its handler. */
export interface SubscribeBaseOptions {
  /** Resume strictly after this checkpoint. Default: the beginning. */
  after?: Checkpoint;
  /**
   * Deliver only events at or above this global position. Default: 1. A filter,
   * not a resume point: an event of a transaction that commits late can have a
   * lower position than one already delivered. Resume with `after`.
   */
  fromPosition?: number;
  /** Events read per page while catching up. Default: 1000. */
  pageSize?: number;
  /**
   * Stream categories (what precedes the first `-` of a stream id, `doc` for
   * `doc-<uuid>`) whose events are delivered with `data: null`: for
   * subscribers that only need to know such an event was stored, so large
   * payloads are neither sent by the database nor parsed. Metadata and
   * hashes are delivered as stored. Default: none.
   */
  omitDataOf?: readonly string[];
  /** Fallback polling interval when no wake-up arrives. Default: 500 ms. */
  pollIntervalMs?: number;
}

/** A running subscription. */
export interface Subscription {
  /** Checkpoint of the last event handled, or the starting checkpoint. */
  readonly checkpoint: Checkpoint | undefined;
  /**
   * Resolves once the subscription has handled every event committed before
   * the call (or, given a target, the event at that checkpoint and everything
   * before it in commit order). It waits for older transactions that still hold
   * the horizon, so afterwards nothing committed earlier is left to handle.
   */
  caughtUp(target?: Checkpoint | null): Promise<void>;
  /** Settles when the subscription ends: resolves after `stop()`, rejects when the handler or a read fails. */
  readonly finished: Promise<void>;
  /** Stops after the event being handled, if any. */
  stop(): Promise<void>;
}

/** First delay before re-reading after a notification whose events were not visible yet. */
const CHASE_FIRST_DELAY_MS = 10;
/** Longest delay between such re-reads. */
const CHASE_MAX_DELAY_MS = 250;
/** How long after a notification the subscription keeps re-reading at the shorter delays. */
const CHASE_WINDOW_MS = 30_000;

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  readPage(
    after: Checkpoint | undefined,
    fromPosition: number | undefined,
    limit: number,
    omitDataOf: readonly string[],
  ): Promise<StoredEvent[]>;
  onWakeUp(callback: () => void): Promise<() => Promise<void>>;
  /** Checkpoint of the last committed event at or above `fromPosition`, in commit order. */
  commitHead(fromPosition: number | undefined): Promise<Checkpoint | undefined>;
}

/**
 * Catches up page by page, then follows live appends: a NOTIFY wakes it at once,
 * a timer polls in case a wake-up is lost or a blocking transaction ended without
 * one. Every read resumes after the checkpoint, so each event is handled once.
 */
export function startSubscription(
  source: SubscriptionSource,
  options: SubscribeOptions,
): Subscription {
  assertCheckpoint(options.after);
  if ((options.handler === undefined) === (options.handlePage === undefined))
    throw new ValidationError('handler', 'exactly one of handler and handlePage');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const omitDataOf = options.omitDataOf ?? [];
  if (!omitDataOf.every((category) => /^[a-z][a-z0-9_]*$/.test(category)))
    throw new ValidationError('omitDataOf', 'stream categories in lower case, e.g. doc');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1)
    throw new ValidationError('pageSize', 'a positive integer');
  if (!(pollIntervalMs > 0))
    throw new ValidationError('pollIntervalMs', 'a positive number of milliseconds');

  let checkpoint = options.after;
  let isStopped = false;
  let isWokenUp = false;
  let wake: (() => void) | undefined;
  const catchUpWaiters: { target: Checkpoint; resolve: () => void }[] = [];
  const releaseCaughtUpWaiters = () => {
    if (checkpoint === undefined) return;
    const reached = checkpoint;
    for (const waiter of catchUpWaiters.filter(
      (candidate) => compareCheckpoints(reached, candidate.target) >= 0,
    )) {
      catchUpWaiters.splice(catchUpWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  let lastNotifiedAt = Number.NEGATIVE_INFINITY;
  let chaseDelayMs = CHASE_FIRST_DELAY_MS;

  const wakeUp = () => {
    isWokenUp = true;
    wake?.();
  };
  const onNotification = () => {
    lastNotifiedAt = Date.now();
    wakeUp();
  };
  /**
   * A notification means something committed. If the read found nothing, an
   * older transaction (possibly in another database of the cluster) still holds
   * the horizon; look again soon rather than after a full polling interval.
   */
  const nextDelayMs = (isPageEmpty: boolean) => {
    if (!isPageEmpty) {
      chaseDelayMs = CHASE_FIRST_DELAY_MS;
      return pollIntervalMs;
    }
    if (Date.now() - lastNotifiedAt > CHASE_WINDOW_MS) return pollIntervalMs;
    const delayMs = chaseDelayMs;
    chaseDelayMs = Math.min(chaseDelayMs * 2, CHASE_MAX_DELAY_MS);
    return Math.min(delayMs, pollIntervalMs);
  };
  const sleep = (delayMs: number) =>
    new Promise<void>((resolve) => {
      if (isWokenUp || isStopped) return resolve();
      const timer = setTimeout(done, delayMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    const unlisten = await source.onWakeUp(onNotification);
    // While the handler works through a full page, the next page is already being read.
    let prefetched: { page: Promise<StoredEvent[]> } | undefined;
    const read = (after: Checkpoint | undefined) => {
      const page = source.readPage(after, options.fromPosition, pageSize, omitDataOf);
      page.catch(() => undefined);
      return { page };
    };
    try {
      while (!isStopped) {
        isWokenUp = false;
        const current = prefetched ?? read(checkpoint);
        prefetched = undefined;
        const page = await current.page;
        const last = page.at(-1);
        if (page.length === pageSize && last) prefetched = read(checkpointOf(last));
        if (options.handlePage !== undefined) {
          if (isStopped) return;
          if (last !== undefined) {
            await options.handlePage(page);
            checkpoint = checkpointOf(last);
          }
        } else {
          for (const event of page) {
            if (isStopped) return;
            const handled = options.handler(event);
            // Synchronous handlers skip a microtask per event.
            if (handled) await handled;
            checkpoint = checkpointOf(event);
          }
        }
        releaseCaughtUpWaiters();
        if (page.length < pageSize) await sleep(nextDelayMs(page.length === 0));
      }
    } finally {
      await prefetched?.page.catch(() => undefined);
      await unlisten();
    }
  };

  const finished = run();
  // Callers observe failures through `finished`; this only keeps an unobserved failure from crashing the process.
  finished.catch(() => undefined);

  return {
    get checkpoint() {
      return checkpoint;
    },
    async caughtUp(target) {
      if (target !== null) assertCheckpoint(target);
      const goal = target === undefined ? await source.commitHead(options.fromPosition) : target;
      if (goal === null || goal === undefined) return;
      return new Promise<void>((resolve, reject) => {
        catchUpWaiters.push({ target: goal, resolve });
        finished.then(() => reject(new Error('subscription stopped before catching up')), reject);
        releaseCaughtUpWaiters();
        wakeUp();
      });
    },
    finished,
    async stop() {
      isStopped = true;
      wake?.();
      await finished.catch(() => undefined);
    },
  };
}
