import { Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Checkpoint } from '@threatloom/eventstore';
import type { ApiTables } from '../database/database-schema.js';

/** The checkpoint of a projection that has applied nothing yet. */
export const START_CHECKPOINT: Checkpoint = { transactionId: '0', position: 0 };

/** Reads and writes rows of projection_checkpoints. */
@Injectable()
export class CheckpointRepository {
  /** Creates the projection's checkpoint row at the start if it has none. */
  async ensure(db: Kysely<ApiTables>, projection: string): Promise<void> {
    await db
      .insertInto('projection_checkpoints')
      .values({ projection, transaction_id: START_CHECKPOINT.transactionId, position: 0 })
      .onConflict((oc) => oc.column('projection').doNothing())
      .execute();
  }

  /** The stored checkpoint; `forUpdate` locks the row until the transaction ends. */
  async read(db: Kysely<ApiTables>, projection: string, forUpdate = false): Promise<Checkpoint> {
    const row = await db
      .selectFrom('projection_checkpoints')
      .select(['transaction_id', 'position'])
      .where('projection', '=', projection)
      .$if(forUpdate, (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row === undefined
      ? START_CHECKPOINT
      : { transactionId: row.transaction_id, position: Number(row.position) };
  }

  /** Stores the checkpoint (in the caller's transaction). */
  async write(db: Kysely<ApiTables>, projection: string, checkpoint: Checkpoint): Promise<void> {
    await db
      .updateTable('projection_checkpoints')
      .set({
        transaction_id: checkpoint.transactionId,
        position: checkpoint.position,
        updated_at: new Date(),
      })
      .where('projection', '=', projection)
      .execute();
  }
}
