import { sql, type Kysely, type Migration } from 'kysely';
import { modelStateMilestonesSql } from './model-state-milestones.sql.js';

/**
 * Milestone snapshots of models' decided states, every
 * MODEL_STATE_MILESTONE_EVERY events, so replaying a model as of a past point
 * folds at most that many events however long its stream (ADR 0011).
 */
export const modelStateMilestones: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of modelStateMilestonesSql) await sql.raw(statement).execute(db);
  },
};
