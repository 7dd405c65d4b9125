import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Just-in-time membership settings of an organisation's single sign-on: off
 * by default, the email domains whose verified addresses may join, and the
 * role they join at (viewer unless an admin chooses editor; see ADR 0010).
 * The table's grants already cover the new columns.
 */
export const oidcJitMembershipMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table oidc_providers
      add column jit_membership boolean not null default false,
      add column jit_email_domains text[] not null default '{}',
      add column jit_default_role text not null default 'viewer'
        check (jit_default_role in ('viewer', 'editor'))`.execute(db);
  },
};
