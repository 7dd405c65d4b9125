import type { Migration } from 'kysely';
import { eventsMigration } from './20261124T0900_events.js';
import { appendFunctionMigration } from './20261124T0910_append_function.js';
import { leanAppendFunctionMigration } from './20261124T0920_lean_append_function.js';
import { ledgerMigration } from './20261207T1000_ledger.js';

/**
 * The event store's forward-only migrations, keyed by timestamp-prefixed names
 * so an application can merge them with its own into one ordered set.
 */
export const eventStoreMigrations: Record<string, Migration> = {
  '20261124T0900_events': eventsMigration,
  '20261124T0910_append_function': appendFunctionMigration,
  '20261124T0920_lean_append_function': leanAppendFunctionMigration,
  '20261207T1000_ledger': ledgerMigration,
};
