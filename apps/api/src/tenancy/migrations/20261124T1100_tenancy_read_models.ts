import { sql, type Kysely, type Migration } from 'kysely';
import { tenancyTablesSql } from './tenancy-tables.sql.js';

/** Creates the tenancy read models (organisations, memberships, invitations, systems, shares, model ownership). */
export const tenancyReadModels: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of tenancyTablesSql) await sql.raw(statement).execute(db);
  },
};
