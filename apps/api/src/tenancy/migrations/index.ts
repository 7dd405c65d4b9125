import type { Migration } from 'kysely';
import { tenancyReadModels } from './20261124T1100_tenancy_read_models.js';
import { tenancyRowLevelSecurity } from './20261124T1110_tenancy_row_level_security.js';

/** The tenancy migrations, by timestamped name, for the API's migration registry. */
export const tenancyMigrations: Record<string, Migration> = {
  '20261124T1100_tenancy_read_models': tenancyReadModels,
  '20261124T1110_tenancy_row_level_security': tenancyRowLevelSecurity,
};
