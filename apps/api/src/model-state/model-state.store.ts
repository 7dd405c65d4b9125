import { Inject, Injectable, Logger } from '@nestjs/common';
import { replay, upcast, type DomainEvent, type ModelState } from '@threatloom/domain';
import type { StoredEvent } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { ApiTables } from '../database/database-schema.js';
import { DatabaseService } from '../database/database.service.js';
import type { TransactionScope } from '../database/transaction-scope.js';
import { NotFound } from '../errors/app-error.js';
import { modelStreamId } from '../model/model-stream.js';
import { ModelStateCache, type ModelStateEntry } from './model-state-cache.js';
import { ModelStateSnapshotsRepository } from './model-state-snapshots.repository.js';
import { isLayoutOnly } from './semantic-change.js';

/** A model at a past point: its state and the last event in it, or `before` its first event. */
export type PastState =
  | { kind: 'state'; entry: ModelStateEntry; lastEvent: StoredEvent }
  | { kind: 'before'; firstEvent: StoredEvent };

/** Events read from the stream per query (PGlite runs a query on the event loop). */
export const STREAM_PAGE_SIZE = 1000;

/** Events folded between two yields to the event loop (about 10-20 ms of work on a large model). */
export const FOLD_CHUNK_SIZE = 500;

/** What the store has done since start, for tests and diagnostics. */
export interface ModelStateStats {
  /** Loads run (concurrent requests that shared one count once). */
  loads: number;
  /** Events folded into cached states. */
  foldedEvents: number;
  /** Snapshots read from the table and accepted. */
  snapshotsUsed: number;
  /** Snapshots written. */
  snapshotsWritten: number;
}

/** Lets other work (probes, other requests) run between two chunks of a long fold. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Folds stored events onto `from` (null: the empty model) in chunks, yielding
 * between chunks, and tracks the last semantic change. Never changes `from`.
 */
export async function foldEvents(
  modelId: string,
  from: ModelStateEntry | null,
  events: readonly StoredEvent[],
): Promise<ModelStateEntry | null> {
  let entry = from;
  for (let start = 0; start < events.length; start += FOLD_CHUNK_SIZE) {
    if (start > 0) await yieldToEventLoop();
    const chunk = events.slice(start, start + FOLD_CHUNK_SIZE);
    const domainEvents: DomainEvent[] = chunk.map(upcast);
    let semanticVersion = entry?.semanticVersion ?? -1;
    domainEvents.forEach((event, index) => {
      if (!isLayoutOnly(event)) semanticVersion = chunk[index]!.streamVersion;
    });
    const last = chunk.at(-1)!;
    const state: ModelState =
      entry === null ? replay(domainEvents) : replay(domainEvents, entry.state);
    entry = {
      modelId,
      state,
      streamVersion: last.streamVersion,
      lastHash: last.hash,
      semanticVersion,
      snapshotVersion: entry?.snapshotVersion ?? -1,
    };
  }
  return entry;
}

/**
 * The decided state of each model, current as of the request (ADR 0011).
 * A read takes the cached state (or the model's persisted snapshot, or
 * nothing), reads only the events after it in the caller's transaction, and
 * folds them in chunks that yield to the event loop; every
 * `MODEL_STATE_SNAPSHOT_EVERY` folded events the state is persisted.
 *
 * Callers check access (`read` or stronger) before asking: the cache is
 * keyed by model id alone, and the events and snapshots are read under the
 * caller's row-level security.
 *
 * Consistency: the events after the cached version are read on every call,
 * so a state is never older than what was committed when the call began.
 * Concurrent calls for one model share loads without giving that up: a call
 * that arrives while a load runs waits for the next load, which starts after
 * the running one ends and is shared by everyone who arrived meanwhile.
 */
@Injectable()
export class ModelStateStore {
  readonly stats: ModelStateStats = {
    loads: 0,
    foldedEvents: 0,
    snapshotsUsed: 0,
    snapshotsWritten: 0,
  };
  private readonly running = new Map<string, Promise<ModelStateEntry>>();
  private readonly queued = new Map<string, Promise<ModelStateEntry>>();
  private readonly snapshots = new ModelStateSnapshotsRepository();
  private readonly logger = new Logger('ModelStateStore');

  constructor(
    private readonly database: DatabaseService,
    readonly cache: ModelStateCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The model's state with every event committed before the call. NotFound
   * (on `field`) when the model has no events the caller can read.
   */
  current(scope: TransactionScope, modelId: string, field = 'modelId'): Promise<ModelStateEntry> {
    const queued = this.queued.get(modelId);
    if (queued !== undefined) return queued;
    const running = this.running.get(modelId);
    if (running === undefined) return this.start(scope, modelId, field);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(modelId);
        return this.start(scope, modelId, field);
      });
    this.queued.set(modelId, next);
    return next;
  }

  private start(scope: TransactionScope, modelId: string, field: string): Promise<ModelStateEntry> {
    const load = this.load(scope, modelId, field).finally(() => {
      if (this.running.get(modelId) === load) this.running.delete(modelId);
    });
    this.running.set(modelId, load);
    return load;
  }

  private async load(
    scope: TransactionScope,
    modelId: string,
    field: string,
  ): Promise<ModelStateEntry> {
    this.stats.loads += 1;
    const entry = await this.database.transaction(scope, async (trx) => {
      let current = this.cache.get(modelId) ?? (await this.fromSnapshot(trx, modelId));
      for (;;) {
        const page = await this.database.eventStore.readStream(modelStreamId(modelId), {
          fromVersion: (current?.streamVersion ?? -1) + 1,
          limit: STREAM_PAGE_SIZE,
          transaction: trx,
        });
        current = await foldEvents(modelId, current, page);
        this.stats.foldedEvents += page.length;
        if (page.length < STREAM_PAGE_SIZE) break;
        await yieldToEventLoop();
      }
      return current;
    });
    if (entry === null) throw new NotFound('Model', modelId, field);
    const kept =
      entry.streamVersion - entry.snapshotVersion >= this.config.modelState.snapshotEvery
        ? await this.persist(scope, entry)
        : entry;
    this.cache.set(kept);
    return kept;
  }

  /**
   * The model as it was at a past point of its stream: the longest prefix of
   * its events that `isBefore` accepts (a prefix, so the state is one the
   * model really had), folded from the newest cached state or persisted
   * snapshot inside that prefix, else from the start. Null when the model has
   * no events the caller can read, `before` when its first event is already
   * past the point. Never touches the cache.
   */
  async stateAsOf(
    scope: TransactionScope,
    modelId: string,
    isBefore: (event: StoredEvent) => boolean,
  ): Promise<PastState | null> {
    return this.database.transaction(scope, async (trx) => {
      const streamId = modelStreamId(modelId);
      const [first] = await this.database.eventStore.readStream(streamId, {
        limit: 1,
        transaction: trx,
      });
      if (first === undefined) return null;
      if (!isBefore(first)) return { kind: 'before', firstEvent: first };
      let current: ModelStateEntry | null = null;
      let last: StoredEvent | null = null;
      const candidates = [this.cache.get(modelId) ?? null, await this.fromSnapshot(trx, modelId)];
      for (const candidate of candidates) {
        if (candidate === null || candidate.streamVersion <= (current?.streamVersion ?? -1))
          continue;
        const [atCandidate] = await this.database.eventStore.readStream(streamId, {
          fromVersion: candidate.streamVersion,
          limit: 1,
          transaction: trx,
        });
        if (atCandidate?.hash !== candidate.lastHash || !isBefore(atCandidate)) continue;
        current = candidate;
        last = atCandidate;
      }
      for (;;) {
        const page = await this.database.eventStore.readStream(streamId, {
          fromVersion: (current?.streamVersion ?? -1) + 1,
          limit: STREAM_PAGE_SIZE,
          transaction: trx,
        });
        const past = page.findIndex((event) => !isBefore(event));
        const taken = past === -1 ? page : page.slice(0, past);
        current = await foldEvents(modelId, current, taken);
        last = taken.at(-1) ?? last;
        if (past !== -1 || page.length < STREAM_PAGE_SIZE) break;
        await yieldToEventLoop();
      }
      if (current === null || last === null) return null;
      return { kind: 'state', entry: current, lastEvent: last };
    });
  }

  /**
   * Writes the state as the model's snapshot, in its own transaction: a
   * snapshot only saves work, so failing to write one is logged, not raised.
   */
  private async persist(scope: TransactionScope, entry: ModelStateEntry): Promise<ModelStateEntry> {
    try {
      await this.database.transaction(scope, (trx) => this.snapshots.write(trx, entry));
      this.stats.snapshotsWritten += 1;
      return { ...entry, snapshotVersion: entry.streamVersion };
    } catch (error) {
      this.logger.warn(
        `snapshot of model ${entry.modelId} not written: ${error instanceof Error ? error.message : String(error)}`,
      );
      return entry;
    }
  }

  /**
   * The persisted snapshot as a starting point, when it was taken with the
   * current state format and the stream still has, at its version, the event
   * it was taken after (same hash); otherwise null (fold from the start).
   */
  private async fromSnapshot(
    trx: Transaction<ApiTables>,
    modelId: string,
  ): Promise<ModelStateEntry | null> {
    const snapshot = await this.snapshots.read(trx, modelId);
    if (snapshot === null) return null;
    const [atSnapshot] = await this.database.eventStore.readStream(modelStreamId(modelId), {
      fromVersion: snapshot.streamVersion,
      limit: 1,
      transaction: trx,
    });
    if (atSnapshot?.hash !== snapshot.lastHash) return null;
    this.stats.snapshotsUsed += 1;
    return {
      modelId,
      state: snapshot.state,
      streamVersion: snapshot.streamVersion,
      lastHash: snapshot.lastHash,
      semanticVersion: snapshot.semanticVersion,
      snapshotVersion: snapshot.streamVersion,
    };
  }
}
