import type { Transaction } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';
import type { DatabaseService } from '../database/database.service.js';
import type { IdentityDb } from './identity-tables.js';

/** What identity work receives: the identity tables and the raw transaction for event appends. */
export interface IdentityUnitOfWork {
  db: IdentityDb;
  transaction: Transaction<ApiTables>;
}

/**
 * The one way identity code opens a transaction. Identity tables are reached
 * before any organisation is known, so the scope names the user (when known)
 * and no organisation: tenant rows stay invisible to identity code.
 */
export function runIdentityTransaction<T>(
  database: DatabaseService,
  userId: string | null,
  fn: (work: IdentityUnitOfWork) => Promise<T>,
): Promise<T> {
  return database.transaction({ userId, organisationIds: [] }, (transaction) =>
    // The identity tables are typed separately from the foundation's; the cast only widens the table map.
    fn({ db: transaction as unknown as IdentityDb, transaction }),
  );
}

/**
 * The identity tables outside any transaction, for a lookup that is one
 * statement (or a statement plus an independent bookkeeping write): the
 * identity tables carry no row-level security, so no settings are needed, and
 * skipping BEGIN/COMMIT saves two round trips.
 */
export function identityReader(database: DatabaseService): IdentityDb {
  // The identity tables are typed separately from the foundation's; the cast only widens the table map.
  return database.db as unknown as IdentityDb;
}
