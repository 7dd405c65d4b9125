import type { StoredEvent } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import { DOC_STREAM_CATEGORY } from '../../collab/collab-streams.js';
import type { ApiTables } from '../../database/database-schema.js';
import type { Projection } from '../../projections/projection.js';
import { tenancyDb } from '../tenancy-tables.js';
import {
  applyTenancyEvent,
  isTenancyProjectionEvent,
  tenancyProjectionTables,
} from './tenancy-projection-handlers.js';

/** Name of the tenancy projection (its row in projection_checkpoints). */
export const TENANCY_PROJECTION = 'tenancy';

/**
 * Maintains organisations, memberships, invitations, systems, shares and model
 * ownership from the `org-*`, `system-*` and `model-*` streams. The runner
 * calls it in a system transaction that also stores the checkpoint.
 */
export class TenancyProjection implements Projection {
  readonly name = TENANCY_PROJECTION;
  // The runner's table list is typed by the foundation's schema; tenancy tables live beside it.
  /** Doc streams are none of its business. */
  readonly omitDataOf = [DOC_STREAM_CATEGORY];
  readonly tables = tenancyProjectionTables as unknown as readonly (keyof ApiTables & string)[];

  /** Events of the tenancy aggregates, and model creations (ownership). */
  handles(event: StoredEvent): boolean {
    return isTenancyProjectionEvent(event.type);
  }

  /** Applies events in order; events of other aggregates are ignored. */
  async apply(trx: Transaction<ApiTables>, events: readonly StoredEvent[]): Promise<void> {
    const db = tenancyDb(trx);
    for (const event of events) await applyTenancyEvent(db, event);
  }

  /** Holds no in-memory state. */
  reset(): void {}
}
