import { sql, type Kysely, type Migration } from 'kysely';
import { rowLevelSecuritySql } from './row-level-security.sql.js';

/** Puts fail-closed row-level security on every tenant table (tenancy and model read models). */
export const tenancyRowLevelSecurity: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of rowLevelSecuritySql) await sql.raw(statement).execute(db);
  },
};
