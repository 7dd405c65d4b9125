import type { SystemPermission } from '@threatloom/domain';
import type { SystemRow, SystemShareRow } from '../tenancy.repository.js';
import type { ShareRoleValue, System } from './system.types.js';

/** Maps a systems row, its visible shares, models and the caller's permissions to GraphQL. */
export function systemFromRow(
  row: SystemRow,
  shares: readonly SystemShareRow[],
  modelIds: readonly string[],
  permissions: readonly SystemPermission[],
): System {
  return {
    id: row.system_id,
    ownerOrganisationId: row.owner_organisation_id,
    name: row.name,
    criticalityTier: row.criticality_tier,
    tags: row.tags,
    modelIds: [...modelIds],
    shares: shares.map((share) => ({
      systemId: share.system_id,
      granteeOrganisationId: share.grantee_organisation_id,
      role: share.role as ShareRoleValue,
    })),
    myPermissions: [...permissions],
  };
}
