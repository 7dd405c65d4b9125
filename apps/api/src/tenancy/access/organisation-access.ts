import {
  capOrganisationRole,
  organisationPermissionOf,
  organisationPermissionsFor,
  type OrganisationOperation,
  type OrganisationPermission,
  type OrganisationRole,
} from '@threatloom/domain';
import type { RequestScope } from '../../access/request-scope.js';
import type { TransactionScope } from '../../database/transaction-scope.js';
import { Forbidden, NotFound, Unauthenticated } from '../../errors/app-error.js';
import { TenancyRequestScope } from './tenancy-request-scope.js';

/** The caller's standing in one organisation, once checked. */
export interface OrganisationAccess {
  userId: string;
  email: string | null;
  organisationId: string;
  role: OrganisationRole;
  /** The transaction scope for reading this organisation's rows. */
  transactionScope: TransactionScope;
}

/** The tenancy scope behind a RequestScope; other resolvers do not carry memberships. */
export function tenancyScopeOf(scope: RequestScope): TenancyRequestScope {
  if (!(scope instanceof TenancyRequestScope)) {
    throw new Error('tenancy operations need the tenancy request scope resolver');
  }
  return scope;
}

/**
 * Checks the permission `operation` needs (from the domain's operation table)
 * on an organisation the caller names by id. Members act
 * on their own organisations by id (no header needed); an API token only on
 * its own organisation. Anything else is "not found", the same answer as for
 * an organisation that does not exist.
 */
export function requireOrganisation(
  scope: RequestScope,
  organisationId: string,
  operation: OrganisationOperation,
): OrganisationAccess {
  const permission = organisationPermissionOf(operation);
  const { caller } = tenancyScopeOf(scope);
  if (caller.userId === null) throw new Unauthenticated();
  const isTokenElsewhere =
    caller.roleCeiling !== undefined && caller.actingOrganisationId !== organisationId;
  const granted = isTokenElsewhere
    ? new Set<OrganisationPermission>()
    : organisationPermissionsFor(organisationId, caller.memberships, caller.roleCeiling);
  if (!granted.has('read')) throw new NotFound('Organisation', organisationId, 'organisationId');
  if (!granted.has(permission)) {
    throw new Forbidden(
      `your role does not allow '${permission}' on this organisation`,
      'organisationId',
    );
  }
  const membership = caller.memberships.find((m) => m.organisationId === organisationId);
  if (membership === undefined)
    throw new NotFound('Organisation', organisationId, 'organisationId');
  return {
    userId: caller.userId,
    email: caller.email,
    organisationId,
    role: capOrganisationRole(membership.role, caller.roleCeiling),
    transactionScope: { userId: caller.userId, organisationIds: [organisationId] },
  };
}
