import type { Migration } from 'kysely';
import { identityMigration } from './20261124T1200_identity.js';

/** The identity migrations, by timestamped name, for the API's migration registry. */
export const identityMigrations: Record<string, Migration> = {
  '20261124T1200_identity': identityMigration,
};
