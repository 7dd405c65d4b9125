import { sql, type Kysely, type Migration } from 'kysely';

/**
 * One row per projection: the event-store checkpoint (writing transaction id and
 * global position) of the last event it applied. Written in the same
 * transaction as the projection's read-model rows, so each event applies once.
 */
export const projectionCheckpoints: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table projection_checkpoints (
        projection text primary key,
        transaction_id text not null,
        position bigint not null,
        updated_at timestamptz not null default now()
      )
    `.execute(db);
    await sql`grant select, insert, update, delete on projection_checkpoints to threatloom_app`.execute(
      db,
    );
  },
};
