import {
  systemPermissions,
  systemPermissionsFor,
  type OrganisationRole,
  type SystemPermission,
} from '@threatloom/domain';
import type { Permission, PreparedAccessCheck, RequestScope } from '../../access/request-scope.js';
import type { Kysely } from 'kysely';
import type { ApiTables } from '../../database/database-schema.js';
import type { DatabaseService } from '../../database/database.service.js';
import { Forbidden, NotFound, Unauthenticated } from '../../errors/app-error.js';
import type { TenancyRepository } from '../tenancy.repository.js';
import type { SystemAccessRow } from './system-access-row.js';
import { tenancyDb } from '../tenancy-tables.js';
import {
  modelAccessFrom,
  modelAccessStatement,
  type ModelAccessStatementRow,
} from './access-statements.js';

/** The caller as tenancy resolved it: user, acting organisation, role (already capped by a token ceiling). */
export interface TenancyCaller {
  requestId: string;
  userId: string | null;
  email: string | null;
  actingOrganisationId: string | null;
  /** Role in the acting organisation; null when the user is not a member of it. */
  role: OrganisationRole | null;
  memberships: readonly { organisationId: string; role: OrganisationRole }[];
  roleCeiling?: OrganisationRole;
}

/**
 * The RequestScope tenancy builds for every request. Its transaction scope is
 * the acting organisation only (when the user belongs to it); systems shared
 * with that organisation become visible through the row-level-security
 * policies on system_shares. `requireAccess` answers "not found" for anything
 * unknown or invisible alike, so ids leak nothing.
 */
export class TenancyRequestScope implements RequestScope {
  readonly requestId: string;
  readonly userId: string | null;
  readonly actingOrganisationId: string | null;
  readonly organisationIds: readonly string[];
  private effectiveRoles: readonly string[];
  /** Every id this scope has granted access to, so a long-lived subscription can re-check them. */
  private readonly granted = new Set<string>();

  constructor(
    readonly caller: TenancyCaller,
    private readonly database: DatabaseService,
    private readonly repository: TenancyRepository,
  ) {
    this.requestId = caller.requestId;
    this.userId = caller.userId;
    this.actingOrganisationId = caller.role === null ? null : caller.actingOrganisationId;
    this.organisationIds = this.actingOrganisationId === null ? [] : [this.actingOrganisationId];
    this.effectiveRoles = caller.role === null ? [] : domainRolesOf(caller.role);
  }

  /**
   * Roles for the domain's `decide`: the caller's role in the acting
   * organisation, narrowed after `requireAccess` to what the checked resources
   * allow (a grantee never gets the owner's risk-owner or admin powers).
   */
  get roles(): readonly string[] {
    return this.effectiveRoles;
  }

  /** Throws unless the caller holds `permission` on every model or system id. */
  async requireAccess(
    permission: Permission,
    resourceIds: readonly string[],
    within?: Kysely<ApiTables>,
  ): Promise<void> {
    const granted = await this.requirePermission(permission, resourceIds, within);
    if (resourceIds.length > 0) this.effectiveRoles = rolesFrom(granted);
  }

  /**
   * `requireAccess` split for a read batch: one statement reads the ids as
   * models; ids it does not find (systems, unknown or invisible ids) are then
   * checked by `requireAccess` itself, in a transaction of its own.
   */
  prepareAccess(permission: Permission, resourceIds: readonly string[]): PreparedAccessCheck {
    const ids = [...new Set(resourceIds)];
    if (this.userId === null || ids.length === 0) {
      return { statements: [], complete: () => this.requireAccess(permission, ids) };
    }
    return {
      statements: [modelAccessStatement(tenancyDb(this.database.db), ids)],
      complete: async ([rows]) => {
        const { systemOf, access } = modelAccessFrom((rows ?? []) as ModelAccessStatementRow[]);
        if (ids.some((id) => !systemOf.has(id))) {
          await this.requireAccess(permission, ids);
          return;
        }
        this.effectiveRoles = rolesFrom(this.permissionsFrom(permission, ids, systemOf, access));
      },
    };
  }

  /**
   * Whether every id this scope granted is still readable now (shares and
   * memberships re-read). Open subscriptions call it: a narrowed share that
   * still reads keeps its feed, a revoked one does not.
   */
  async isStillGranted(): Promise<boolean> {
    if (this.userId === null || this.granted.size === 0) return true;
    const memberships = await this.database.transaction(
      { userId: this.userId, organisationIds: [] },
      (trx) => this.repository.membershipsOf(tenancyDb(trx), this.userId ?? ''),
    );
    const current = new TenancyRequestScope(
      { ...this.caller, memberships },
      this.database,
      this.repository,
    );
    try {
      await current.requirePermission('read', [...this.granted]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Checks one matrix permission on a batch of model or system ids in one
   * round of queries; returns the permissions held on all of them. NotFound
   * (same answer for unknown and invisible) or Forbidden (visible, role too low).
   * `within`, a transaction DatabaseService opened for this same scope, lets
   * the caller check and then read in one transaction.
   */
  async requirePermission(
    permission: SystemPermission,
    resourceIds: readonly string[],
    within?: Kysely<ApiTables>,
  ): Promise<ReadonlySet<SystemPermission>> {
    if (this.userId === null) throw new Unauthenticated();
    const ids = [...new Set(resourceIds)];
    if (ids.length === 0) return new Set();
    const { systemOf, access } =
      within === undefined
        ? await this.database.transaction(this, (trx) =>
            this.repository.accessOf(tenancyDb(trx), ids),
          )
        : await this.repository.accessOf(tenancyDb(within), ids);
    return this.permissionsFrom(permission, ids, systemOf, access);
  }

  /** The permissions held on all of `ids` (distinct, non-empty), given what accessOf read; throws as requirePermission. */
  private permissionsFrom(
    permission: SystemPermission,
    ids: readonly string[],
    systemOf: ReadonlyMap<string, string>,
    access: ReadonlyMap<string, SystemAccessRow>,
  ): ReadonlySet<SystemPermission> {
    const common = new Set<SystemPermission>(systemPermissions);
    for (const id of ids) {
      const systemId = systemOf.get(id);
      const system = systemId === undefined ? undefined : access.get(systemId);
      const held =
        system === undefined || this.actingOrganisationId === null
          ? new Set<SystemPermission>()
          : systemPermissionsFor({
              actingOrganisationId: this.actingOrganisationId,
              memberships: this.caller.memberships,
              ...(this.caller.roleCeiling ? { roleCeiling: this.caller.roleCeiling } : {}),
              system: { ownerOrganisationId: system.ownerOrganisationId, shares: system.shares },
            });
      if (!held.has('read')) throw new NotFound('Resource', id, 'id');
      if (!held.has(permission)) {
        throw new Forbidden(`your role does not allow '${permission}' on ${id}`, 'id');
      }
      for (const granted of [...common]) if (!held.has(granted)) common.delete(granted);
    }
    for (const id of ids) this.granted.add(id);
    return common;
  }
}

/** Domain roles of an organisation role before any resource was checked. */
function domainRolesOf(role: OrganisationRole): string[] {
  return role === 'admin' ? ['admin', 'risk_owner'] : [role];
}

/** Domain roles matching a permission set, so `decide` enforces the same ceiling. */
export function rolesFrom(granted: ReadonlySet<SystemPermission>): string[] {
  // An admin may decide on risk too (the matrix grants it), so the domain's risk-owner checks pass.
  if (granted.has('admin')) return ['admin', 'risk_owner'];
  if (granted.has('decide_risk')) return ['risk_owner'];
  if (granted.has('edit')) return ['editor'];
  if (granted.has('audit_history')) return ['auditor'];
  return granted.has('read') ? ['viewer'] : [];
}
