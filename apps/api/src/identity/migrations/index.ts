import type { Migration } from 'kysely';
import { identityMigration } from './20261124T1200_identity.js';
import { sessionCleanupMigration } from './20261124T1300_session_cleanup.js';
import { oidcJitMembershipMigration } from './20261207T0900_oidc_jit_membership.js';

/** The identity migrations, by timestamped name, for the API's migration registry. */
export const identityMigrations: Record<string, Migration> = {
  '20261124T1200_identity': identityMigration,
  '20261124T1300_session_cleanup': sessionCleanupMigration,
  '20261207T0900_oidc_jit_membership': oidcJitMembershipMigration,
};
