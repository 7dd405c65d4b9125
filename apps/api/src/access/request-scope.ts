import type { SystemPermission } from '@threatloom/domain';
import type { Kysely } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';
import type { Statement } from '../database/prepared-query.js';
import type { TransactionScope } from '../database/transaction-scope.js';

/**
 * What an access check is asked for: a permission of the domain's table on a
 * batch of system or model ids. Services look it up for their operation
 * (`systemPermissionOf('Query.model')`), never name it themselves.
 */
export type Permission = SystemPermission;

/**
 * An access check split in two, so a service can send the check's statements
 * in the same DatabaseService.readBatch as its own reads (one round trip).
 */
export interface PreparedAccessCheck {
  /** Statements to put first in the service's read batch (run for the same scope). */
  readonly statements: readonly Statement<unknown>[];
  /**
   * Takes the rows of `statements` (same order) and throws or grants exactly
   * as `requireAccess` would. The service uses nothing of its batch before this resolves.
   */
  complete(rows: readonly unknown[][]): Promise<void>;
}

/**
 * The caller of one request, as the services see it. It is also the
 * TransactionScope the service passes to DatabaseService.transaction, so the
 * database's row-level security sees the same identity the access check saw.
 */
export interface RequestScope extends TransactionScope {
  /** Request id, for logs and event metadata (correlation). */
  readonly requestId: string;
  /** The organisation the caller acts for (event metadata), or null. */
  readonly actingOrganisationId: string | null;
  /** Roles of the caller in the acting organisation (passed to domain `decide`). */
  readonly roles: readonly string[];
  /**
   * Throws NotFound (unknown or invisible resources; one answer so ids leak
   * nothing) or Forbidden (visible but role too low) unless the caller holds
   * `permission` on every id. Services call it once, first, with all ids.
   * `within`, a transaction DatabaseService opened for this same
   * scope, runs the check in it, so a read can be checked and done in one
   * transaction (fewer round trips; same row-level-security settings).
   */
  requireAccess(
    permission: Permission,
    resourceIds: readonly string[],
    within?: Kysely<ApiTables>,
  ): Promise<void>;
  /** `requireAccess(permission, resourceIds)` as a PreparedAccessCheck, for a read batch. */
  prepareAccess(permission: Permission, resourceIds: readonly string[]): PreparedAccessCheck;
}
