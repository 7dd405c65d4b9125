import { sql, type Kysely, type Migration } from 'kysely';
import { modelStateSnapshotsSql } from './model-state-snapshots.sql.js';

/**
 * Persisted snapshots of models' decided states, so a restart (or a model
 * dropped from the in-memory cache) folds only the events after the newest
 * snapshot instead of the whole stream (ADR 0011).
 */
export const modelStateSnapshots: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of modelStateSnapshotsSql) await sql.raw(statement).execute(db);
  },
};
