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
import {
  ModelStateSnapshotsRepository,
  type PastBound,
} from './model-state-snapshots.repository.js';
import { isLayoutOnly } from './semantic-change.js';

export type { PastBound } from './model-state-snapshots.repository.js';

/** A model at a past point: its state and the last event in it, or `before` its first event. */
export type PastState =
  | { kind: 'state'; entry: ModelStateEntry; lastEvent: StoredEvent }
  | { kind: 'before'; firstEvent: StoredEvent };

/** A state a replay of the past may start from, with its state read only when chosen. */
interface StartCandidate {
  streamVersion: number;
  lastHash: string;
  maxRecordedAtMs: number | null;
  isMilestone?: boolean;
  entry: () => Promise<ModelStateEntry | null>;
}

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
  /** Milestone snapshots read and accepted as the start of a replay of the past. */
  milestonesUsed: number;
}

/** Lets other work (probes, other requests) run between two chunks of a long fold. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A state at a milestone of its stream (after every `every`-th event), to be kept. */
export interface Milestone {
  entry: ModelStateEntry;
  /** Global position of its last event. */
  lastPosition: number;
}

/** Milestones met while folding: states after every `every`-th event of the stream. */
export interface MilestoneCollector {
  every: number;
  found: Milestone[];
  /** Most milestones kept, the newest (default: all). */
  keep?: number;
}

/** Whether the state after the event at `streamVersion` is a milestone. */
export function isMilestone(streamVersion: number, every: number): boolean {
  return every > 0 && (streamVersion + 1) % every === 0;
}

/**
 * Folds stored events onto `from` (null: the empty model) in chunks, yielding
 * between chunks, and tracks the last semantic change and the latest recorded
 * time. Never changes `from`. With `milestones`, the states after every
 * `milestones.every`-th event of the stream are added to `milestones.found`.
 */
export async function foldEvents(
  modelId: string,
  from: ModelStateEntry | null,
  events: readonly StoredEvent[],
  milestones?: MilestoneCollector,
): Promise<ModelStateEntry | null> {
  let entry = from;
  for (let start = 0; start < events.length;) {
    if (start > 0) await yieldToEventLoop();
    let end = Math.min(start + FOLD_CHUNK_SIZE, events.length);
    if (milestones !== undefined) {
      const next = events
        .slice(start, end)
        .findIndex((event) => isMilestone(event.streamVersion, milestones.every));
      if (next !== -1) end = start + next + 1;
    }
    const chunk = events.slice(start, end);
    const domainEvents: DomainEvent[] = chunk.map(upcast);
    let semanticVersion = entry?.semanticVersion ?? -1;
    let maxRecordedAtMs = entry === null ? Number.NEGATIVE_INFINITY : entry.maxRecordedAtMs;
    domainEvents.forEach((event, index) => {
      const stored = chunk[index]!;
      if (!isLayoutOnly(event)) semanticVersion = stored.streamVersion;
      if (maxRecordedAtMs !== null)
        maxRecordedAtMs = Math.max(maxRecordedAtMs, stored.recordedAt.getTime());
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
      maxRecordedAtMs,
    };
    if (milestones !== undefined && isMilestone(last.streamVersion, milestones.every)) {
      milestones.found.push({ entry, lastPosition: last.position });
      if (milestones.found.length > (milestones.keep ?? Number.POSITIVE_INFINITY))
        milestones.found.shift();
    }
    start = end;
  }
  return entry;
}

/**
 * The decided state of each model, current as of the request (ADR 0011).
 * A read takes the cached state (or the model's persisted snapshot, or
 * nothing), reads only the events after it in the caller's transaction, and
 * folds them in chunks that yield to the event loop; every
 * `MODEL_STATE_SNAPSHOT_EVERY` folded events the state is persisted. Replays
 * of the past start from the milestones the model read-model projection
 * keeps (the state after every `MODEL_STATE_MILESTONE_EVERY`-th event), and
 * keep those they find missing.
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
    milestonesUsed: 0,
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
   * The model as it was at a past point of its stream (a global position or a
   * time): the longest prefix of its events at or before the point (a prefix,
   * so the state is one the model really had), folded from the newest cached
   * state, persisted snapshot or milestone inside that prefix, else from the
   * start. Null when the model has no events the caller can read, `before`
   * when its first event is already past the point. Never touches the cache;
   * keeps the newest missing milestone it folds past.
   */
  async stateAsOf(
    scope: TransactionScope,
    modelId: string,
    bound: PastBound,
  ): Promise<PastState | null> {
    const isBefore = (event: StoredEvent) =>
      bound.position !== null
        ? event.position <= bound.position
        : event.recordedAt.getTime() <= (bound.timeMs ?? Number.NEGATIVE_INFINITY);
    const milestones = this.milestoneCollector();
    const past = await this.database.transaction(scope, async (trx): Promise<PastState | null> => {
      const streamId = modelStreamId(modelId);
      const [first] = await this.database.eventStore.readStream(streamId, {
        limit: 1,
        transaction: trx,
      });
      if (first === undefined) return null;
      if (!isBefore(first)) return { kind: 'before', firstEvent: first };
      let current: ModelStateEntry | null = null;
      let last: StoredEvent | null = null;
      // The newest usable start: the cached state, the newest snapshot (its
      // state read only when it is the one), or the newest milestone.
      const cached = this.cache.get(modelId) ?? null;
      const snapshot = await this.snapshots.readPlace(trx, modelId);
      const milestone = await this.snapshots.readMilestone(trx, modelId, bound);
      const candidates: StartCandidate[] = [
        ...(cached === null ? [] : [{ ...cached, entry: async () => cached }]),
        ...(snapshot === null
          ? []
          : [{ ...snapshot, entry: async () => this.fromSnapshot(trx, modelId) }]),
        ...(milestone === null
          ? []
          : [
              {
                ...milestone,
                isMilestone: true,
                entry: async (): Promise<ModelStateEntry> => ({
                  modelId,
                  state: milestone.state,
                  streamVersion: milestone.streamVersion,
                  lastHash: milestone.lastHash,
                  semanticVersion: milestone.semanticVersion,
                  snapshotVersion: -1,
                  maxRecordedAtMs: milestone.maxRecordedAtMs,
                }),
              },
            ]),
      ].sort((a, b) => b.streamVersion - a.streamVersion);
      for (const candidate of candidates) {
        // Every event of the start must be at or before the point: a stream's
        // positions grow with its versions; its recorded times need not.
        if (
          bound.timeMs !== null &&
          (candidate.maxRecordedAtMs === null || candidate.maxRecordedAtMs > bound.timeMs)
        )
          continue;
        const [atCandidate] = await this.database.eventStore.readStream(streamId, {
          fromVersion: candidate.streamVersion,
          limit: 1,
          transaction: trx,
        });
        if (atCandidate?.hash !== candidate.lastHash || !isBefore(atCandidate)) continue;
        current = await candidate.entry();
        if (current === null) continue;
        if (candidate.isMilestone === true) this.stats.milestonesUsed += 1;
        last = atCandidate;
        break;
      }
      // Pages the size of the milestone interval: the point is usually within
      // the first, and reading on past it would be wasted.
      const pageSize = Math.min(STREAM_PAGE_SIZE, this.config.modelState.milestoneEvery);
      for (;;) {
        const page = await this.database.eventStore.readStream(streamId, {
          fromVersion: (current?.streamVersion ?? -1) + 1,
          limit: pageSize,
          transaction: trx,
        });
        const end = page.findIndex((event) => !isBefore(event));
        const taken = end === -1 ? page : page.slice(0, end);
        current = await foldEvents(modelId, current, taken, milestones);
        last = taken.at(-1) ?? last;
        if (end !== -1 || page.length < pageSize) break;
        await yieldToEventLoop();
      }
      if (current === null || last === null) return null;
      return { kind: 'state', entry: current, lastEvent: last };
    });
    await this.keepMilestones(scope, milestones);
    return past;
  }

  /**
   * Collects the newest milestone a replay of the past folds past, when the
   * projection has not kept it (a history older than the milestones, or
   * appended while projections were stopped). One per replay: each replay
   * near a point then leaves the next one less to fold, without one request
   * writing a long history's worth of states.
   */
  private milestoneCollector(): MilestoneCollector {
    return { every: this.config.modelState.milestoneEvery, found: [], keep: 1 };
  }

  /**
   * Stores the milestones a fold met, in their own transaction: like a
   * snapshot, a milestone only saves work, so failing to write one is logged.
   */
  private async keepMilestones(
    scope: TransactionScope,
    milestones: MilestoneCollector,
  ): Promise<void> {
    if (milestones.found.length === 0) return;
    try {
      await this.database.transaction(scope, (trx) =>
        this.snapshots.writeMilestones(trx, milestones.found),
      );
    } catch (error) {
      this.logger.warn(
        `milestones of model ${milestones.found[0]!.entry.modelId} not written: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
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
      maxRecordedAtMs: snapshot.maxRecordedAtMs,
    };
  }
}
