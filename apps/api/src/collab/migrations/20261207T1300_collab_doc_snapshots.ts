import { sql, type Kysely, type Migration } from 'kysely';
import { collabDocSnapshotsSql } from './collab-doc-snapshots.sql.js';

/**
 * Snapshots of co-editing docs (their full Yjs state at a version of the doc
 * stream), so opening a doc reads only the updates after the newest one.
 */
export const collabDocSnapshots: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of collabDocSnapshotsSql) await sql.raw(statement).execute(db);
  },
};
