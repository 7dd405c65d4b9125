import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Adds `bidirectional` to the flows read model. The column cannot be filled
 * from the rows themselves, so the model read model is emptied and its
 * checkpoint removed: the projection replays every model stream from the
 * first event at the next start and writes each flow with its direction.
 */
export const flowBidirectional: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table rm_flows add column bidirectional boolean not null default false`.execute(
      db,
    );
    await sql`truncate table rm_threats, rm_flows, rm_elements, rm_zones, rm_models`.execute(db);
    await sql`delete from projection_checkpoints where projection = 'model-read-model'`.execute(db);
  },
};
