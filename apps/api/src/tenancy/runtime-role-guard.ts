import { sql, type Kysely } from 'kysely';

/** A role the runtime role is, or can become through a chain of memberships. */
export interface ReachableRole {
  /** From the runtime role to this one, e.g. `['app_login', 'ops', 'postgres']`. */
  path: string[];
  isSuperuser: boolean;
  canBypassRowLevelSecurity: boolean;
  /** Tables in `public` this role owns. */
  ownedTableCount: number;
}

/** What the database says about the role the server runs queries as. */
export interface RuntimeRoleFacts {
  roleName: string;
  isSuperuser: boolean;
  canBypassRowLevelSecurity: boolean;
  ownedTableCount: number;
  /**
   * Every role the runtime role is a member of, directly or through other
   * roles, shortest chain first. Any membership counts, with or without
   * INHERIT: a member may `SET ROLE` to it and so take its powers.
   */
  memberOf: ReachableRole[];
}

/** Thrown at start when the runtime role could escape row-level security. */
export class UnsafeDatabaseRole extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDatabaseRole';
  }
}

/**
 * Reads the current role's attributes from pg_roles, counts the tables it
 * owns, and does the same for every role it reaches through pg_auth_members.
 */
export async function readRuntimeRoleFacts(db: Kysely<unknown>): Promise<RuntimeRoleFacts> {
  const result = await sql<{
    path: string[];
    rolsuper: boolean;
    rolbypassrls: boolean;
    owned_tables: number;
  }>`
    with recursive reachable (oid, path) as (
      select r.oid, array[r.rolname::text] from pg_roles r where r.rolname = current_user
      union
      select m.roleid, reachable.path || g.rolname::text
      from reachable
      join pg_auth_members m on m.member = reachable.oid
      join pg_roles g on g.oid = m.roleid
      where not (g.rolname::text = any (reachable.path))
    )
    select reachable.path, r.rolsuper, r.rolbypassrls,
      (select count(*)::int from pg_class c
        where c.relowner = r.oid and c.relkind in ('r', 'p')
          and c.relnamespace = 'public'::regnamespace) as owned_tables
    from reachable join pg_roles r on r.oid = reachable.oid
    order by cardinality(reachable.path), reachable.path
  `.execute(db);
  const [self, ...memberOf] = result.rows;
  if (self === undefined)
    throw new UnsafeDatabaseRole('the current database role is not in pg_roles');
  return {
    roleName: self.path[0]!,
    isSuperuser: self.rolsuper,
    canBypassRowLevelSecurity: self.rolbypassrls,
    ownedTableCount: Number(self.owned_tables),
    memberOf: memberOf.map((row) => ({
      path: row.path,
      isSuperuser: row.rolsuper,
      canBypassRowLevelSecurity: row.rolbypassrls,
      ownedTableCount: Number(row.owned_tables),
    })),
  };
}

function powerOf(role: Omit<ReachableRole, 'path'>): string | null {
  if (role.isSuperuser) return 'is a superuser';
  if (role.canBypassRowLevelSecurity) return 'has BYPASSRLS';
  // An owner escapes policies unless FORCE is set; owning nothing removes the question.
  if (role.ownedTableCount > 0) return `owns ${role.ownedTableCount} table(s)`;
  return null;
}

/** The reason a runtime role is unsafe, or null when row-level security binds it. */
export function unsafeRoleReason(facts: RuntimeRoleFacts): string | null {
  const own = powerOf(facts);
  if (own !== null) return own;
  for (const role of facts.memberOf) {
    const power = powerOf(role);
    if (power === null) continue;
    const target = role.path[role.path.length - 1];
    return `can become "${target}" through role membership (${role.path.join(' -> ')}), which ${power}`;
  }
  return null;
}

/**
 * Refuses to run the server as a role row-level security would not bind:
 * a superuser, a role with BYPASSRLS, a table owner, or a member (at any
 * depth) of such a role.
 */
export async function assertRestrictedRuntimeRole(db: Kysely<unknown>): Promise<RuntimeRoleFacts> {
  const facts = await readRuntimeRoleFacts(db);
  const reason = unsafeRoleReason(facts);
  if (reason !== null) {
    throw new UnsafeDatabaseRole(
      `Refusing to start: database role "${facts.roleName}" ${reason}, so row-level security would not ` +
        `isolate organisations. Set DATABASE_URL to a login role that is a member of threatloom_app, ` +
        `without SUPERUSER or BYPASSRLS and not a member of any role that has them or owns the tables, ` +
        `and run migrations as the owner with DATABASE_MIGRATION_URL (see docs/postgresql.md).`,
    );
  }
  return facts;
}
