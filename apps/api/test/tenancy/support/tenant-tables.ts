import { randomUUID } from 'node:crypto';
import type { RunSql } from './sql-sessions.js';

/**
 * Tables that hold no tenant's data, each with the reason. Every other table
 * in the public schema must carry forced row-level security: a table added
 * later without policies (or without an entry here) fails the suite.
 */
export const nonTenantTables: Record<string, string> = {
  events:
    "every tenant's facts; reached only through the event store after an access check (ADR 0005)",
  ledger_leaves:
    "the sealed log: every event's place and hash, store-wide like events; read only by the sealer and by verify after an access check (ADR 0014)",
  ledger_checkpoints: 'signed checkpoints of the whole log; no tenant ids or counts (ADR 0014)',
  projection_checkpoints: 'projection bookkeeping, no tenant data',
  kysely_migration: 'migration bookkeeping',
  kysely_migration_lock: 'migration bookkeeping',
  users: 'identity: read before any organisation is known (sign-in)',
  sessions: 'identity: read before any organisation is known',
  api_tokens: 'identity: read before any organisation is known (bearer lookup)',
  sign_in_failures: 'identity: rate limiting before sign-in',
  oidc_providers: 'identity: read by the unauthenticated sign-in redirect',
  oidc_identities: 'identity: read during the OIDC callback',
  oidc_login_attempts: 'identity: read during the OIDC callback',
};

/** Every table in the public schema with its row-level-security flags. */
export async function publicTables(
  run: RunSql,
): Promise<
  { name: string; isRowSecurityOn: boolean; isRowSecurityForced: boolean; policyCount: number }[]
> {
  const rows = await run(`
    select c.relname as name, c.relrowsecurity as on, c.relforcerowsecurity as forced,
      (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
    order by c.relname`);
  return rows.map((row) => ({
    name: String(row['name']),
    isRowSecurityOn: row['on'] === true,
    isRowSecurityForced: row['forced'] === true,
    policyCount: Number(row['policies']),
  }));
}

/** The ids one tenant's rows are keyed by. */
export interface TenantIds {
  organisationId: string;
  systemId: string;
  modelId: string;
}

/** Fresh ids for one tenant. */
export function tenantIds(): TenantIds {
  return { organisationId: randomUUID(), systemId: randomUUID(), modelId: randomUUID() };
}

/** Values that satisfy the check constraints of the tenancy tables. */
const fixedValues: Record<string, unknown> = {
  role: 'viewer',
  status: 'pending',
  criticality_tier: 1,
};

function valueFor(
  column: string,
  dataType: string,
  tenant: TenantIds,
  otherOrganisationId: string,
): unknown {
  if (column === 'model_id') return tenant.modelId;
  if (column === 'system_id') return tenant.systemId;
  if (column === 'organisation_id' || column === 'owner_organisation_id')
    return tenant.organisationId;
  // A share of the tenant's system with a third organisation: visible to the owner only.
  if (column === 'grantee_organisation_id') return otherOrganisationId;
  if (column in fixedValues) return fixedValues[column];
  switch (dataType) {
    case 'uuid':
      return randomUUID();
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'double precision':
    case 'numeric':
    case 'real':
      return 1;
    case 'boolean':
      return false;
    case 'jsonb':
    case 'json':
      return '[]';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return new Date().toISOString();
    case 'ARRAY':
      return '{}';
    default:
      return `${column}-${randomUUID()}`;
  }
}

/**
 * Inserts one row for `tenant` into `table` as the owner, filling every
 * required column from the catalogue, so tables added later need no change here.
 */
export async function insertTenantRow(
  asOwner: RunSql,
  table: string,
  tenant: TenantIds,
  otherOrganisationId: string,
): Promise<void> {
  const columns = await asOwner(
    `select column_name, data_type from information_schema.columns
     where table_schema = 'public' and table_name = $1
       and (is_nullable = 'NO' and column_default is null
            or column_name in ('model_id', 'system_id', 'organisation_id', 'owner_organisation_id'))
     order by ordinal_position`,
    [table],
  );
  const names = columns.map((column) => String(column['column_name']));
  const values = columns.map((column) =>
    valueFor(
      String(column['column_name']),
      String(column['data_type']),
      tenant,
      otherOrganisationId,
    ),
  );
  const placeholders = names.map((_, index) => `$${index + 1}`).join(', ');
  await asOwner(`insert into ${table} (${names.join(', ')}) values (${placeholders})`, values);
}
