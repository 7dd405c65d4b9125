import type { OrganisationRole, ShareRole } from '@threatloom/domain';
import { sql, type CompiledQuery } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { statementTemplate } from '../../database/statement-template.js';
import type { SystemAccessRow } from './system-access-row.js';
import type { TenancyDb } from '../tenancy-tables.js';

/** A row of membershipsStatement. */
export interface MembershipStatementRow {
  organisation_id: string;
  role: string;
}

/** A row of modelAccessStatement. */
export interface ModelAccessStatementRow {
  model_id: string;
  system_id: string;
  owner_organisation_id: string;
  shares: { grantee_organisation_id: string; role: string }[];
}

/**
 * The user's memberships (own rows are visible before an organisation is
 * chosen), as one prepared statement for DatabaseService.readBatch: every
 * authenticated request reads them.
 */
export const membershipsStatement: (
  db: TenancyDb,
  userId: string,
) => CompiledQuery<MembershipStatementRow> = statementTemplate((db: TenancyDb, userId: string) =>
  db
    .selectFrom('memberships')
    .select(['organisation_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('organisation_id'),
);

/**
 * The memberships of the user the transaction is scoped to (`app.user_id`),
 * for the read that travels with the session lookup (see
 * Authenticator.readAlongWithSessions): the session statement sets the user
 * id in the database, so no id travels from the client. Without a live
 * session the setting is empty and the statement reads nothing.
 */
export const sessionMembershipsStatement: (db: TenancyDb) => CompiledQuery<MembershipStatementRow> =
  statementTemplate((db: TenancyDb) =>
    db
      .selectFrom('memberships')
      .select(['organisation_id', 'role'])
      .where('user_id', '=', sql<string>`app_current_user_id()`)
      .orderBy('organisation_id'),
  );

/** The memberships as the access matrix takes them. */
export function membershipsFrom(
  rows: readonly MembershipStatementRow[],
): { organisationId: string; role: OrganisationRole }[] {
  return rows.map((row) => ({
    organisationId: row.organisation_id,
    role: row.role as OrganisationRole,
  }));
}

/**
 * What an access check on model ids needs, as one prepared statement for
 * DatabaseService.readBatch: each visible model's system, its owner and its
 * visible shares (the same read as TenancyRepository.accessOf for models).
 * The ids travel as one array parameter, so the text never changes.
 */
export function modelAccessStatement(
  db: TenancyDb,
  modelIds: readonly string[],
): CompiledQuery<ModelAccessStatementRow> {
  return modelAccessTemplate(db, [...modelIds]);
}

const modelAccessTemplate = statementTemplate((db: TenancyDb, modelIds: string[]) =>
  db
    .selectFrom('model_ownership as mo')
    .innerJoin('systems as sy', 'sy.system_id', 'mo.system_id')
    .select((eb) => [
      'mo.model_id',
      'sy.system_id',
      'sy.owner_organisation_id',
      jsonArrayFrom(
        eb
          .selectFrom('system_shares as sh')
          .select(['sh.grantee_organisation_id', 'sh.role'])
          .whereRef('sh.system_id', '=', 'sy.system_id'),
      ).as('shares'),
    ])
    .where((eb) => eb('mo.model_id', '=', eb.fn.any(eb.val(modelIds)))),
);

/** Each visible model's system, and each such system's owner and shares. */
export function modelAccessFrom(rows: readonly ModelAccessStatementRow[]): {
  systemOf: Map<string, string>;
  access: Map<string, SystemAccessRow>;
} {
  const systemOf = new Map<string, string>();
  const access = new Map<string, SystemAccessRow>();
  for (const row of rows) {
    systemOf.set(row.model_id, row.system_id);
    access.set(row.system_id, {
      systemId: row.system_id,
      ownerOrganisationId: row.owner_organisation_id,
      shares: row.shares.map((share) => ({
        granteeOrganisationId: share.grantee_organisation_id,
        role: share.role as ShareRole,
      })),
    });
  }
  return { systemOf, access };
}
