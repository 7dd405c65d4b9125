import { evolve, initialState, upcast, type ModelState } from '@threatloom/domain';
import type { EventStore, StoredEvent } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import type { ApiTables } from '../../database/database-schema.js';
import { modelIdOfStream } from '../../model/model-stream.js';
import type { Projection } from '../projection.js';
import { ModelStateCache, type ModelStateEntry } from '../../model-state/model-state-cache.js';
import { foldEvents } from '../../model-state/model-state.store.js';
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
  readonly tables = ['rm_threats', 'rm_flows', 'rm_elements', 'rm_zones', 'rm_models'] as const;
  /**
   * Where this projection's fold of each model stands. Reads may put newer
   * states into the shared cache than the projection has reached; keeping its
   * own position means a lagging projection still folds one event per event.
   */
  private readonly positions: ModelStateCache;
  private readonly writer = new ReadModelWriter();

  /**
   * @param shared the server's per-model state cache (ADR 0011): searched
   * before the stream is replayed, and moved forward by the states folded here.
   */
  constructor(
    private readonly eventStore: EventStore,
    private readonly shared: ModelStateCache = new ModelStateCache(),
  ) {
    this.positions = new ModelStateCache(shared.capacity);
  }

  /** Folds a model event and writes the rows it changed. */
  async apply(trx: Transaction<ApiTables>, event: StoredEvent): Promise<(() => void) | void> {
    const modelId = modelIdOfStream(event.streamId);
    if (modelId === null) return;
    const before = await this.entryBefore(trx, modelId, event);
    const domainEvent = upcast(event);
    const after = evolve(before?.state ?? initialState(), domainEvent);
    await this.write(trx, modelId, event, before?.state ?? initialState(), after);
    const entry: ModelStateEntry = {
      modelId,
      state: after,
      streamVersion: event.streamVersion,
      lastHash: event.hash,
      semanticVersion:
        isLayoutOnly(domainEvent) && before !== null ? before.semanticVersion : event.streamVersion,
      snapshotVersion: before?.snapshotVersion ?? -1,
    };
    return () => {
      this.positions.set(entry);
      // Only moves a state reads already cached one event forward: a lagging
      // projection (after a restart, say) never puts an old state in front of
      // the model's newer snapshot.
      if (this.shared.getAt(modelId, event.streamVersion - 1) !== undefined) this.shared.set(entry);
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
