import type { ModelState } from '@threatloom/domain';

/** The decided state of one model at a version of its stream. */
export interface ModelStateEntry {
  modelId: string;
  state: ModelState;
  /** Version of the last event folded into `state`. */
  streamVersion: number;
  /** Hash of that event, so a persisted snapshot can be checked against the stream. */
  lastHash: string;
  /**
   * Stream version of the last event that changed more than diagram layout:
   * views that ignore layout (checklist, STRIDE matrix) are cached by it.
   */
  semanticVersion: number;
  /** Stream version of the newest persisted snapshot of this model (-1: none). */
  snapshotVersion: number;
  /**
   * The latest recorded time (ms) of the events folded into `state` (minus
   * infinity for none; null when unknown), so the state can start a replay as
   * of a time: it may when every event in it is at or before that time.
   */
  maxRecordedAtMs: number | null;
}

/**
 * The one in-memory cache of models' decided states, keyed by model id, shared
 * by the model read-model projection and every read that needs a model's
 * state. Bounded: the least recently used models are dropped (and come back
 * from their persisted snapshot plus the events after it). An entry is only
 * ever replaced by a newer one, so a slow load can never roll a model back.
 */
export class ModelStateCache {
  private readonly entries = new Map<string, ModelStateEntry>();

  /** @param capacity most models kept (MODEL_STATE_CACHE_SIZE; default 200). */
  constructor(readonly capacity = 200) {}

  /** The newest cached state of a model, if any. */
  get(modelId: string): ModelStateEntry | undefined {
    const entry = this.entries.get(modelId);
    if (entry === undefined) return undefined;
    this.entries.delete(modelId);
    this.entries.set(modelId, entry);
    return entry;
  }

  /** The cached state only when it is exactly at `streamVersion`. */
  getAt(modelId: string, streamVersion: number): ModelStateEntry | undefined {
    const entry = this.get(modelId);
    return entry?.streamVersion === streamVersion ? entry : undefined;
  }

  /** Remembers a state unless a newer one of the same model is already cached. */
  set(entry: ModelStateEntry): void {
    const current = this.entries.get(entry.modelId);
    if (current !== undefined && current.streamVersion > entry.streamVersion) return;
    this.entries.delete(entry.modelId);
    this.entries.set(entry.modelId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** How many models are cached. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }
}
