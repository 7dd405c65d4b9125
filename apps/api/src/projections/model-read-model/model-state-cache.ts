import type { ModelState } from '@threatloom/domain';

interface Entry {
  state: ModelState;
  streamVersion: number;
}

/**
 * Recently projected model states, so each event is folded onto the previous
 * state instead of replaying the stream. Bounded: the least recently used
 * models are dropped and rebuilt from their stream when next needed.
 */
export class ModelStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 200) {}

  /** The cached state when it is exactly at `streamVersion`. */
  get(streamId: string, streamVersion: number): ModelState | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined || entry.streamVersion !== streamVersion) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.state;
  }

  /** Remembers the state of a stream at a version. */
  set(streamId: string, streamVersion: number, state: ModelState): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { state, streamVersion });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }
}
