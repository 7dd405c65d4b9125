import type { ShareRole } from '@threatloom/domain';

/** What access decisions need about one system: its owner and who it is shared with. */
export interface SystemAccessRow {
  systemId: string;
  ownerOrganisationId: string;
  shares: { granteeOrganisationId: string; role: ShareRole }[];
}
