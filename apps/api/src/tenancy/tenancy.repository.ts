import { Injectable } from '@nestjs/common';
import {
  membershipsFrom,
  membershipsStatement,
  modelAccessFrom,
  modelAccessStatement,
} from './access/access-statements.js';
import type { SystemAccessRow } from './access/system-access-row.js';
import type { OrganisationRole, ShareRole } from '@threatloom/domain';
import type { Selectable } from 'kysely';
import type {
  InvitationsTable,
  MembershipsTable,
  OrganisationsTable,
  SystemsTable,
  SystemSharesTable,
  TenancyDb,
} from './tenancy-tables.js';

export type OrganisationRow = Selectable<OrganisationsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SystemRow = Selectable<SystemsTable>;
export type SystemShareRow = Selectable<SystemSharesTable>;

/**
 * Reads of the tenancy read models. Every method runs inside a transaction
 * DatabaseService opened, so row-level security decides which rows exist.
 */
@Injectable()
export class TenancyRepository {
  /** The user's memberships (own rows are visible before an organisation is chosen). */
  async membershipsOf(
    db: TenancyDb,
    userId: string,
  ): Promise<{ organisationId: string; role: OrganisationRole }[]> {
    const { rows } = await db.executeQuery(membershipsStatement(db, userId));
    return membershipsFrom(rows);
  }

  /** Maps each visible model or system id to its system; invisible and unknown ids are absent. */
  async systemIdsOf(db: TenancyDb, ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    const models = await db
      .selectFrom('model_ownership')
      .select(['model_id', 'system_id'])
      .where('model_id', 'in', ids)
      .execute();
    for (const row of models) found.set(row.model_id, row.system_id);
    const systemIds = ids.filter((id) => !found.has(id) && isUuid(id));
    if (systemIds.length > 0) {
      const systems = await db
        .selectFrom('systems')
        .select('system_id')
        .where('system_id', 'in', systemIds)
        .execute();
      for (const row of systems) found.set(row.system_id, row.system_id);
    }
    return found;
  }

  /**
   * What an access check on model or system ids needs, in one statement when
   * every id is a model (the common case): each visible id's system, and each
   * such system's owner and visible shares. Ids that are not visible models are
   * looked up as systems with two more statements.
   */
  async accessOf(
    db: TenancyDb,
    ids: readonly string[],
  ): Promise<{ systemOf: Map<string, string>; access: Map<string, SystemAccessRow> }> {
    if (ids.length === 0) return { systemOf: new Map(), access: new Map() };
    // The same statement the request path batches (access-statements.ts).
    const { rows } = await db.executeQuery(modelAccessStatement(db, ids));
    const { systemOf, access } = modelAccessFrom(rows);
    const systemIds = ids.filter((id) => !systemOf.has(id) && isUuid(id));
    if (systemIds.length > 0) {
      const systems = await this.systemAccess(db, systemIds);
      for (const [systemId, row] of systems) {
        systemOf.set(systemId, systemId);
        access.set(systemId, row);
      }
    }
    return { systemOf, access };
  }

  /** Owner and visible shares of each visible system. */
  async systemAccess(
    db: TenancyDb,
    systemIds: readonly string[],
  ): Promise<Map<string, SystemAccessRow>> {
    const result = new Map<string, SystemAccessRow>();
    if (systemIds.length === 0) return result;
    const systems = await db
      .selectFrom('systems')
      .select(['system_id', 'owner_organisation_id'])
      .where('system_id', 'in', systemIds)
      .execute();
    for (const row of systems) {
      result.set(row.system_id, {
        systemId: row.system_id,
        ownerOrganisationId: row.owner_organisation_id,
        shares: [],
      });
    }
    const shares = await db
      .selectFrom('system_shares')
      .select(['system_id', 'grantee_organisation_id', 'role'])
      .where('system_id', 'in', systemIds)
      .execute();
    for (const share of shares) {
      result.get(share.system_id)?.shares.push({
        granteeOrganisationId: share.grantee_organisation_id,
        role: share.role as ShareRole,
      });
    }
    return result;
  }

  /** Organisations visible to the transaction, by name. */
  async organisations(db: TenancyDb): Promise<OrganisationRow[]> {
    return db
      .selectFrom('organisations')
      .selectAll()
      .orderBy('name')
      .orderBy('organisation_id')
      .execute();
  }

  /** One visible organisation. */
  async organisation(db: TenancyDb, organisationId: string): Promise<OrganisationRow | undefined> {
    return db
      .selectFrom('organisations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  }

  /** Whether an organisation slug is taken; call it on the system path so every organisation counts. */
  async isSlugTaken(db: TenancyDb, slug: string): Promise<boolean> {
    const row = await db
      .selectFrom('organisations')
      .select('slug')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Members of an organisation, by email. */
  async members(db: TenancyDb, organisationId: string): Promise<MembershipRow[]> {
    return db
      .selectFrom('memberships')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('email')
      .execute();
  }

  /** Invitations of an organisation, newest first. */
  async invitations(db: TenancyDb, organisationId: string): Promise<InvitationRow[]> {
    return db
      .selectFrom('invitations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('invited_at', 'desc')
      .orderBy('invitation_id')
      .execute();
  }

  /** A page of visible systems ordered by (name, id), after a (name, id) cursor. */
  async systemsPage(
    db: TenancyDb,
    after: readonly [string, string] | null,
    limit: number,
  ): Promise<SystemRow[]> {
    let query = db.selectFrom('systems').selectAll();
    if (after !== null) {
      const [name, id] = after;
      query = query.where((eb) =>
        eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('system_id', '>', id)])]),
      );
    }
    return query.orderBy('name').orderBy('system_id').limit(limit).execute();
  }

  /** How many systems are visible. */
  async countSystems(db: TenancyDb): Promise<number> {
    const row = await db
      .selectFrom('systems')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** One visible system. */
  async system(db: TenancyDb, systemId: string): Promise<SystemRow | undefined> {
    return db
      .selectFrom('systems')
      .selectAll()
      .where('system_id', '=', systemId)
      .executeTakeFirst();
  }

  /** Visible shares of the systems (the owner sees all, a grantee its own), oldest first. */
  async sharesOf(db: TenancyDb, systemIds: readonly string[]): Promise<SystemShareRow[]> {
    if (systemIds.length === 0) return [];
    return db
      .selectFrom('system_shares')
      .selectAll()
      .where('system_id', 'in', systemIds)
      .orderBy('shared_at')
      .orderBy('grantee_organisation_id')
      .execute();
  }

  /** Ids of the models each system holds, by system id. */
  async modelIdsOf(db: TenancyDb, systemIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(systemIds.map((id) => [id, []]));
    if (systemIds.length === 0) return result;
    const rows = await db
      .selectFrom('model_ownership')
      .select(['system_id', 'model_id'])
      .where('system_id', 'in', systemIds)
      .orderBy('model_id')
      .execute();
    for (const row of rows) result.get(row.system_id)?.push(row.model_id);
    return result;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
