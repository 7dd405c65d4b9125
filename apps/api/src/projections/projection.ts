import type { Transaction } from 'kysely';
import type { StoredEvent } from '@threatloom/eventstore';
import type { ApiTables } from '../database/database-schema.js';

/**
 * A read model fed by the event store. `apply` runs inside the transaction that
 * also stores the projection's checkpoint, so an event is applied exactly once.
 */
export interface Projection {
  /** Stable name, the key of its checkpoint row. */
  readonly name: string;
  /** Tables it owns: rebuild empties them before replaying from zero. */
  readonly tables: readonly (keyof ApiTables & string)[];
  /**
   * Applies one event. May return a callback to run after the transaction
   * committed (e.g. to keep an in-memory cache in step with the rows).
   */
  apply(trx: Transaction<ApiTables>, event: StoredEvent): Promise<(() => void) | void>;
  /** Forgets in-memory state (called before a restart or a rebuild). */
  reset(): void;
}
