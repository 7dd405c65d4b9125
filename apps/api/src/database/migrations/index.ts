import type { Migration } from 'kysely';
import { projectionCheckpoints } from './20261124T1000_projection_checkpoints.js';
import { readModels } from './20261124T1010_read_models.js';
import { threatPageJson } from './20261124T1500_threat_page_json.js';
import { flowBidirectional } from './20261207T0900_flow_bidirectional.js';
import { identityMigrations } from '../../identity/migrations/index.js';
import { tenancyMigrations } from '../../tenancy/migrations/index.js';
import { modelStateSnapshots } from '../../model-state/migrations/20261207T0900_model_state_snapshots.js';
import { collabDocSnapshots } from '../../collab/migrations/20261207T1300_collab_doc_snapshots.js';
import { modelStateMilestones } from '../../model-state/migrations/20261208T0900_model_state_milestones.js';

/**
 * The API's own migrations, merged with the event store's at start and applied
 * in name order. Names are UTC timestamps (`YYYYMMDDTHHMM_what`); forward-only.
 * One entry per line, in name order; a new migration adds one line at the end.
 */
export const apiMigrations: Record<string, Migration> = {
  '20261124T1000_projection_checkpoints': projectionCheckpoints,
  '20261124T1010_read_models': readModels,
  ...identityMigrations,
  ...tenancyMigrations,
  '20261124T1500_threat_page_json': threatPageJson,
  '20261207T0900_flow_bidirectional': flowBidirectional,
  '20261207T0900_model_state_snapshots': modelStateSnapshots,
  '20261207T1300_collab_doc_snapshots': collabDocSnapshots,
  '20261208T0900_model_state_milestones': modelStateMilestones,
};
