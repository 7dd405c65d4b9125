import { evolve, initialState, upcast, type ModelState } from '@threatloom/domain';
import type { EventStore, StoredEvent } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import { DOC_STREAM_CATEGORY } from '../../collab/collab-streams.js';
import type { ApiTables } from '../../database/database-schema.js';
import { modelIdOfStream } from '../../model/model-stream.js';
import type { Projection } from '../projection.js';
import { ModelStateCache, type ModelStateEntry } from '../../model-state/model-state-cache.js';
import { ModelStateSnapshotsRepository } from '../../model-state/model-state-snapshots.repository.js';
import { foldEvents, isMilestone, type Milestone } from '../../model-state/model-state.store.js';
import { isLayoutOnly } from '../../model-state/semantic-change.js';
import {
  affectedThreatIds,
  changedKeys,
  elementRow,
  flowRow,
  modelRow,
  threatRow,
  zoneRow,
} from './model-rows.js';
import { ReadModelWriter } from './read-model.writer.js';

/** One model's events within a page: folded, then written once. */
interface Run {
  modelId: string;
  /** The state before the run's first event. */
  before: ModelState;
  firstVersion: number;
  lastEvent: StoredEvent;
  /** The state after the run's last event so far (stream version -1 before the first). */
  entry: ModelStateEntry;
}

/** Name of the model read-model projection (its row in projection_checkpoints). */
export const MODEL_READ_MODEL_PROJECTION = 'model-read-model';

/**
 * Maintains rm_models, rm_zones, rm_elements, rm_flows and rm_threats from
 * the model streams. Each event is folded with the domain's own `evolve`, and
 * only the rows whose entities changed are rewritten, so the read model is
 * always exactly what the domain's state says, at the cost of one small
 * upsert per changed entity.
 */
export class ModelReadModelProjection implements Projection {
  readonly name = MODEL_READ_MODEL_PROJECTION;
  /** Doc streams are none of its business. */
  readonly omitDataOf = [DOC_STREAM_CATEGORY];
  readonly tables = ['rm_threats', 'rm_flows', 'rm_elements', 'rm_zones', 'rm_models'] as const;
  /**
   * Where this projection's fold of each model stands. Reads may put newer
   * states into the shared cache than the projection has reached; keeping its
   * own position means a lagging projection still folds one event per event.
   */
  private readonly positions: ModelStateCache;
  private readonly writer = new ReadModelWriter();
  private readonly snapshots = new ModelStateSnapshotsRepository();

  /**
   * @param shared the server's per-model state cache (ADR 0011): searched
   * before the stream is replayed, and moved forward by the states folded here.
   * @param milestoneEvery the state after every this many events of a model
   * is kept as a milestone for replays of the past (MODEL_STATE_MILESTONE_EVERY).
   */
  constructor(
    private readonly eventStore: EventStore,
    private readonly shared: ModelStateCache = new ModelStateCache(),
    private readonly milestoneEvery = 0,
  ) {
    this.positions = new ModelStateCache(shared.capacity);
  }

  /** Events of model streams. */
  handles(event: StoredEvent): boolean {
    return modelIdOfStream(event.streamId) !== null;
  }

  /**
   * Folds the model events of a page and writes, per model, the rows that
   * differ between its state before the page and after it: an entity edited
   * a hundred times in the page is written once.
   */
  async apply(
    trx: Transaction<ApiTables>,
    events: readonly StoredEvent[],
  ): Promise<(() => void) | void> {
    const runs = new Map<string, Run>();
    const done: Run[] = [];
    const milestones: Milestone[] = [];
    for (const event of events) {
      const modelId = modelIdOfStream(event.streamId);
      if (modelId === null) continue;
      let run = runs.get(modelId);
      if (run !== undefined && run.entry.streamVersion !== event.streamVersion - 1) {
        // A stream's events arrive in version order; should one ever not follow, fold anew.
        done.push(run);
        runs.delete(modelId);
        run = undefined;
      }
      if (run === undefined) {
        const before = await this.entryBefore(trx, modelId, event);
        run = {
          modelId,
          before: before?.state ?? initialState(),
          firstVersion: event.streamVersion,
          lastEvent: event,
          entry: before ?? {
            modelId,
            state: initialState(),
            streamVersion: -1,
            lastHash: '',
            semanticVersion: -1,
            snapshotVersion: -1,
            maxRecordedAtMs: Number.NEGATIVE_INFINITY,
          },
        };
        runs.set(modelId, run);
      }
      const domainEvent = upcast(event);
      const previous = run.entry;
      run.entry = {
        modelId,
        state: evolve(previous.state, domainEvent),
        streamVersion: event.streamVersion,
        lastHash: event.hash,
        semanticVersion:
          isLayoutOnly(domainEvent) && previous.streamVersion >= 0
            ? previous.semanticVersion
            : event.streamVersion,
        snapshotVersion: previous.snapshotVersion,
        maxRecordedAtMs:
          previous.maxRecordedAtMs === null
            ? null
            : Math.max(previous.maxRecordedAtMs, event.recordedAt.getTime()),
      };
      run.lastEvent = event;
      if (isMilestone(event.streamVersion, this.milestoneEvery))
        milestones.push({ entry: run.entry, lastPosition: event.position });
    }
    done.push(...runs.values());
    for (const run of done) {
      await this.write(trx, run.modelId, run.lastEvent, run.before, run.entry.state);
    }
    await this.snapshots.writeMilestones(trx, milestones);
    return () => {
      for (const { modelId, entry, firstVersion } of done) {
        this.positions.set(entry);
        // Only moves forward a state reads cached at or after where this run
        // started: a lagging projection (after a restart, say) never puts an
        // old state in front of the model's newer snapshot.
        const cached = this.shared.get(modelId);
        if (cached !== undefined && cached.streamVersion >= firstVersion - 1)
          this.shared.set(entry);
      }
    };
  }

  /** Drops this projection's positions (their rows may be about to disappear). */
  reset(): void {
    this.positions.clear();
  }

  private async entryBefore(
    trx: Transaction<ApiTables>,
    modelId: string,
    event: StoredEvent,
  ): Promise<ModelStateEntry | null> {
    if (event.streamVersion === 0) return null;
    const version = event.streamVersion - 1;
    const cached = this.positions.getAt(modelId, version) ?? this.shared.getAt(modelId, version);
    if (cached !== undefined) return cached;
    const history = await this.eventStore.readStream(event.streamId, {
      toVersion: version,
      transaction: trx,
    });
    return foldEvents(modelId, null, history);
  }

  private async write(
    trx: Transaction<ApiTables>,
    modelId: string,
    event: StoredEvent,
    before: ModelState,
    after: ModelState,
  ): Promise<void> {
    await this.writer.upsertModel(
      trx,
      modelRow(modelId, event.streamId, after, event.streamVersion, event.position),
    );

    const zones = changedKeys(before.zones, after.zones);
    await this.writer.upsertZones(
      trx,
      present(zones, after.zones).map((zone) => zoneRow(modelId, zone)),
    );
    await this.writer.delete(trx, 'rm_zones', modelId, absent(zones, after.zones));

    const elements = changedKeys(before.elements, after.elements);
    await this.writer.upsertElements(
      trx,
      present(elements, after.elements).map((element) => elementRow(modelId, element)),
    );
    await this.writer.delete(trx, 'rm_elements', modelId, absent(elements, after.elements));

    const flows = changedKeys(before.flows, after.flows);
    await this.writer.upsertFlows(
      trx,
      present(flows, after.flows).map((flow) => flowRow(modelId, flow)),
    );
    await this.writer.delete(trx, 'rm_flows', modelId, absent(flows, after.flows));

    const threats = affectedThreatIds(before, after);
    await this.writer.upsertThreats(
      trx,
      present(threats, after.threats).map((threat) => threatRow(modelId, after, threat)),
    );
    await this.writer.delete(trx, 'rm_threats', modelId, absent(threats, after.threats));
  }
}

function present<T>(ids: Set<string>, record: Record<string, T>): T[] {
  return [...ids].flatMap((id) => (record[id] === undefined ? [] : [record[id]]));
}

function absent<T>(ids: Set<string>, record: Record<string, T>): string[] {
  return [...ids].filter((id) => record[id] === undefined);
}
