import { randomUUID } from 'node:crypto';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  requirePostgres,
  runAdminStatement,
  type AppLoginRole,
} from '@threatloom/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseService } from '../../src/database/database.service.js';
import { prepared } from '../../src/database/prepared-query.js';
import { tenancyDb } from '../../src/tenancy/tenancy-tables.js';

const isPostgresAvailable = await requirePostgres();

describe.skipIf(!isPostgresAvailable)('read transactions on PostgreSQL', () => {
  let database: DatabaseService;
  let drop: () => Promise<void>;
  let role: AppLoginRole;
  const organisationA = randomUUID();
  const organisationB = randomUUID();

  beforeAll(async () => {
    const created = await createPostgresTestDatabase();
    await runAdminStatement(
      `DO $$ BEGIN CREATE ROLE threatloom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    role = await createAppLoginRole(created.name);
    drop = () => created.drop();
    // One connection, so every statement below runs on the connection the read transaction used.
    database = await DatabaseService.open({
      url: role.url,
      migrationUrl: created.url,
      dataDir: 'unused',
      poolSize: 1,
    });
    await database.systemTransaction(async (trx) => {
      for (const organisationId of [organisationA, organisationB]) {
        await tenancyDb(trx)
          .insertInto('memberships')
          .values({
            organisation_id: organisationId,
            user_id: randomUUID(),
            email: `${organisationId}@example.test`,
            role: 'admin',
            joined_at: new Date().toISOString(),
          })
          .execute();
      }
    });
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
    await role?.drop();
  });

  const membershipOrganisations = (db: Parameters<typeof tenancyDb>[0]) =>
    tenancyDb(db)
      .selectFrom('memberships')
      .select('organisation_id')
      .execute()
      .then((rows) => rows.map((row) => row.organisation_id));

  it('lets row-level security see only the organisations of the scope', async () => {
    const seen = await database.readTransaction(
      { userId: randomUUID(), organisationIds: [organisationA] },
      membershipOrganisations,
    );
    expect(seen).toEqual([organisationA]);
  });

  it('refuses a write inside a read transaction', async () => {
    const attempt = database.readTransaction(
      { userId: null, organisationIds: [organisationA] },
      (db) => tenancyDb(db).deleteFrom('memberships').execute(),
    );
    await expect(attempt).rejects.toThrow(/read-only transaction/);
  });

  it('leaves no scope settings on the pooled connection after a commit or a rollback', async () => {
    await database.readTransaction(
      { userId: null, organisationIds: [organisationA] },
      membershipOrganisations,
    );
    await expect(
      database.readTransaction({ userId: null, organisationIds: [organisationB] }, async () => {
        throw new Error('given up');
      }),
    ).rejects.toThrow('given up');
    const after = await sql<{
      orgIds: string | null;
    }>`select nullif(current_setting('app.org_ids', true), '') as "orgIds"`.execute(database.db);
    expect(after.rows[0]?.orgIds ?? null).toBeNull();
    expect(await membershipOrganisations(database.db)).toEqual([]);
  });

  it('answers each statement of a read batch in order, as the scope sees the rows', async () => {
    const memberships = tenancyDb(database.db).selectFrom('memberships').select('organisation_id');
    const [seenByA, seenByAAgain] = await database.readBatch(
      { userId: randomUUID(), organisationIds: [organisationA] },
      [memberships, prepared(memberships.where('organisation_id', '=', organisationA))],
    );
    expect(seenByA).toEqual([{ organisation_id: organisationA }]);
    expect(seenByAAgain).toEqual([{ organisation_id: organisationA }]);
    const [seenByNobody] = await database.readBatch({ userId: null, organisationIds: [] }, [
      memberships,
    ]);
    expect(seenByNobody).toEqual([]);
  });

  it('fails a read batch holding a write, changes nothing and leaves no settings behind', async () => {
    const attempt = database.readBatch({ userId: null, organisationIds: [organisationA] }, [
      tenancyDb(database.db).selectFrom('memberships').select('organisation_id'),
      tenancyDb(database.db).deleteFrom('memberships'),
    ]);
    await expect(attempt).rejects.toThrow(/read-only transaction/);
    const after = await sql<{
      orgIds: string | null;
    }>`select nullif(current_setting('app.org_ids', true), '') as "orgIds"`.execute(database.db);
    expect(after.rows[0]?.orgIds ?? null).toBeNull();
    const [seen] = await database.readBatch(
      { userId: null, organisationIds: [organisationA, organisationB] },
      [tenancyDb(database.db).selectFrom('memberships').select('organisation_id')],
    );
    expect(seen).toHaveLength(2);
  });

  it('refuses an organisation id that is not a uuid before reaching the database', async () => {
    await expect(
      database.readTransaction(
        { userId: null, organisationIds: ["x', true); drop table memberships; --"] },
        membershipOrganisations,
      ),
    ).rejects.toThrow(/not a uuid/);
  });
});
