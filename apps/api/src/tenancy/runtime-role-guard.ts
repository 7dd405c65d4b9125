import { sql, type Kysely } from 'kysely';

/** What the database says about the role the server runs queries as. */
export interface RuntimeRoleFacts {
  roleName: string;
  isSuperuser: boolean;
  canBypassRowLevelSecurity: boolean;
  ownedTableCount: number;
}

/** Thrown at start when the runtime role could escape row-level security. */
export class UnsafeDatabaseRole extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDatabaseRole';
  }
}

/** Reads the current role's attributes from pg_roles and counts the tables it owns. */
export async function readRuntimeRoleFacts(db: Kysely<unknown>): Promise<RuntimeRoleFacts> {
  const result = await sql<{
    rolname: string;
    rolsuper: boolean;
    rolbypassrls: boolean;
    owned_tables: number;
  }>`
    select r.rolname, r.rolsuper, r.rolbypassrls,
      (select count(*)::int from pg_class c
        where c.relowner = r.oid and c.relkind in ('r', 'p')
          and c.relnamespace = 'public'::regnamespace) as owned_tables
    from pg_roles r
    where r.rolname = current_user
  `.execute(db);
  const row = result.rows[0];
  if (row === undefined)
    throw new UnsafeDatabaseRole('the current database role is not in pg_roles');
  return {
    roleName: row.rolname,
    isSuperuser: row.rolsuper,
    canBypassRowLevelSecurity: row.rolbypassrls,
    ownedTableCount: Number(row.owned_tables),
  };
}

/** The reason a runtime role is unsafe, or null when row-level security binds it. */
export function unsafeRoleReason(facts: RuntimeRoleFacts): string | null {
  if (facts.isSuperuser) return `is a superuser`;
  if (facts.canBypassRowLevelSecurity) return `has BYPASSRLS`;
  // An owner escapes policies unless FORCE is set; owning nothing removes the question.
  if (facts.ownedTableCount > 0) return `owns ${facts.ownedTableCount} table(s)`;
  return null;
}

/**
 * Refuses to run the server as a role row-level security would not bind:
 * a superuser, a role with BYPASSRLS, or a table owner.
 */
export async function assertRestrictedRuntimeRole(db: Kysely<unknown>): Promise<RuntimeRoleFacts> {
  const facts = await readRuntimeRoleFacts(db);
  const reason = unsafeRoleReason(facts);
  if (reason !== null) {
    throw new UnsafeDatabaseRole(
      `Refusing to start: database role "${facts.roleName}" ${reason}, so row-level security would not ` +
        `isolate organisations. Set DATABASE_URL to a login role that is a member of threatloom_app, ` +
        `without SUPERUSER or BYPASSRLS, and run migrations as the owner with DATABASE_MIGRATION_URL ` +
        `(see docs/tenancy.md).`,
    );
  }
  return facts;
}
