import type { Transaction } from 'kysely';
import type { StoredEvent } from '@threatloom/eventstore';
import type { ApiTables } from '../database/database-schema.js';

/**
 * A read model fed by the event store. `apply` runs inside the transaction that
 * also stores the projection's checkpoint, so an event is applied exactly once.
 * It is given the events of one page read, so it can write each changed row
 * once however many of them changed it.
 */
export interface Projection {
  /** Stable name, the key of its checkpoint row. */
  readonly name: string;
  /** Tables it owns: rebuild empties them before replaying from zero. */
  readonly tables: readonly (keyof ApiTables & string)[];
  /**
   * Whether `apply` does anything with this event. Pages of events no
   * projection handles cost no transaction: the checkpoint moves past them
   * with the next page it handles, or after CHECKPOINT_IDLE_WRITE_MS. Every
   * event is handled when absent.
   */
  handles?(event: StoredEvent): boolean;
  /**
   * Stream categories whose events it never reads the data of (they arrive
   * with `data: null`; see `SubscribeOptions.omitDataOf`).
   */
  readonly omitDataOf?: readonly string[];
  /**
   * Applies events (never none), in commit order, every one after the stored
   * checkpoint. May return a callback to run after the transaction committed
   * (e.g. to keep an in-memory cache in step with the rows).
   */
  apply(trx: Transaction<ApiTables>, events: readonly StoredEvent[]): Promise<(() => void) | void>;
  /** Forgets in-memory state (called before a restart or a rebuild). */
  reset(): void;
}
