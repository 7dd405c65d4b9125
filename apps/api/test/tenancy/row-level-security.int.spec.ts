import { randomUUID } from 'node:crypto';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openPgliteSessions,
  openPostgresSessions,
  type RunSql,
  type SqlSessions,
} from './support/sql-sessions.js';
import {
  insertTenantRow,
  nonTenantTables,
  publicTables,
  tenantIds,
  type TenantIds,
} from './support/tenant-tables.js';

const isPostgresAvailable = await requirePostgres();

/** Row-level security alone, with no WHERE clause from the application. */
function rowLevelSecuritySpec(dialect: 'pglite' | 'postgres', open: () => Promise<SqlSessions>) {
  describe(`row-level security on ${dialect}`, () => {
    let sessions: SqlSessions;
    let tenantTables: string[];
    const a: TenantIds = tenantIds();
    const b: TenantIds = tenantIds();
    const outsider = randomUUID();

    beforeAll(async () => {
      sessions = await open();
      const tables = await publicTables(sessions.asOwner);
      tenantTables = tables.map((table) => table.name).filter((name) => !(name in nonTenantTables));
      for (const table of tenantTables) {
        await insertTenantRow(sessions.asOwner, table, a, outsider);
        await insertTenantRow(sessions.asOwner, table, b, outsider);
      }
    });
    afterAll(async () => sessions?.close());

    function scopedTo(organisationIds: string | null, fn: (run: RunSql) => Promise<void>) {
      return sessions.asAppInTransaction(async (run) => {
        if (organisationIds !== null)
          await run(`select set_config('app.org_ids', $1, true)`, [organisationIds]);
        await fn(run);
      });
    }

    it('covers the tenancy read models and the model read models', () => {
      for (const table of [
        'organisations',
        'memberships',
        'systems',
        'system_shares',
        'model_ownership',
        'rm_models',
        'rm_threats',
      ]) {
        expect(tenantTables).toContain(table);
      }
    });

    it('forces row-level security with policies on every table that is not declared tenant-free', async () => {
      const tables = await publicTables(sessions.asOwner);
      const unprotected = tables
        .filter((table) => !(table.name in nonTenantTables))
        .filter(
          (table) =>
            !table.isRowSecurityOn || !table.isRowSecurityForced || table.policyCount === 0,
        )
        .map((table) => table.name);
      expect(unprotected).toEqual([]);
    });

    it('runs the application as a role that is neither superuser nor BYPASSRLS', async () => {
      await scopedTo(null, async (run) => {
        const [role] = await run(
          'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
        );
        expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
      });
    });

    it("shows organisation B none of A's rows, in any tenant table, without a WHERE clause", async () => {
      await scopedTo(b.organisationId, async (run) => {
        for (const table of tenantTables) {
          const rows = await run(`select * from ${table}`);
          const leaked = rows.filter(
            (row) => JSON.stringify(row).includes(a.organisationId) || mentionsTenant(row, a),
          );
          expect(leaked, `${table} leaked A's rows to B`).toEqual([]);
        }
      });
    });

    it('shows organisation B its own rows (the queries above really read)', async () => {
      await scopedTo(b.organisationId, async (run) => {
        for (const table of tenantTables) {
          const rows = await run(`select * from ${table}`);
          expect(
            rows.filter((row) => mentionsTenant(row, b)).length,
            `${table} hid B's own row`,
          ).toBeGreaterThan(0);
        }
      });
    });

    it('shows nothing at all when app.org_ids is unset', async () => {
      await scopedTo(null, async (run) => {
        for (const table of tenantTables) {
          const [count] = await run(`select count(*)::int as n from ${table}`);
          expect(count?.['n'], table).toBe(0);
        }
      });
    });

    it('shows nothing at all when app.org_ids is empty', async () => {
      await scopedTo('', async (run) => {
        for (const table of tenantTables) {
          const [count] = await run(`select count(*)::int as n from ${table}`);
          expect(count?.['n'], table).toBe(0);
        }
      });
    });

    it("refuses to write a row into A's model while scoped to B", async () => {
      await expect(
        scopedTo(b.organisationId, async (run) => {
          await run(
            `insert into rm_models (model_id, stream_id, name, description, is_frozen, current_version, stream_version, last_position)
                     values ($1, $2, 'forged', '', false, 0, 0, 0)`,
            [a.modelId + '-x', `model-${randomUUID()}`],
          );
        }),
      ).rejects.toThrow(/row-level security/);
    });

    it('refuses request transactions writing the tenancy read models (only projections do)', async () => {
      await expect(
        scopedTo(b.organisationId, async (run) => {
          await run(`update systems set name = 'renamed' where system_id = $1`, [b.systemId]).then(
            (rows) => rows,
          );
          await run(
            `insert into system_shares (system_id, grantee_organisation_id, owner_organisation_id, role, shared_by, shared_at)
                     values ($1, $2, $3, 'editor', $2, now())`,
            [a.systemId, b.organisationId, a.organisationId],
          );
        }),
      ).rejects.toThrow(/row-level security/);
    });
  });
}

function mentionsTenant(row: Record<string, unknown>, tenant: TenantIds): boolean {
  return Object.values(row).some(
    (value) =>
      value === tenant.organisationId || value === tenant.systemId || value === tenant.modelId,
  );
}

rowLevelSecuritySpec('pglite', openPgliteSessions);
describe.skipIf(!isPostgresAvailable)('PostgreSQL', () => {
  rowLevelSecuritySpec('postgres', openPostgresSessions);
});
