/** The last event of a stream: its version and hash. */
export interface StreamHead {
  version: number;
  hash: string;
}

/** Default number of stream heads a store remembers. */
export const STREAM_HEAD_CACHE_SIZE = 10_000;

/**
 * Heads of streams this store has seen committed by its own appends, most
 * recently used last. Only committed heads go in: a stored event never changes,
 * so a remembered head can be stale (a newer event exists) but never wrong, and
 * the unique (stream_id, stream_version) index rejects an append built on a
 * stale head.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = STREAM_HEAD_CACHE_SIZE) {}

  /** The remembered head of `streamId`, if any. */
  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  /** Remembers a head that has committed. */
  remember(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }

  /** Forgets a head that may be stale or not committed. */
  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
