import type { Kysely } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';
import type { TransactionScope } from '../database/transaction-scope.js';

/** What an access check is asked for: a permission on a batch of resource ids. */
export type Permission = 'model:read' | 'model:write';

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
}
