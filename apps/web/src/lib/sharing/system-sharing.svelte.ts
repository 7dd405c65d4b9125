import type { ShareRole } from '@threatloom/domain';
import {
  changeSystemShare,
  loadSystemDetail,
  revokeSystemShare,
  shareSystem,
  type SystemDetail,
} from './system-detail.js';

/**
 * One system as its page shows it, and the share changes its owner's admins
 * make. Each change re-reads the system, so the page shows what the API holds.
 */
export class SystemSharing {
  system = $state.raw<SystemDetail | null>(null);
  loadError = $state<string | null>(null);

  constructor(readonly systemId: string) {}

  /** True when the caller administers the system (owner admins: sharing). */
  get canManageShares(): boolean {
    return this.system?.myPermissions.includes('admin') ?? false;
  }

  /** Reads the system; a refusal (not found, no access) lands in `loadError`. */
  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.system = await loadSystemDetail(this.systemId);
    } catch (error) {
      this.system = null;
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Shares the system with another organisation. */
  async share(granteeOrganisationId: string, role: ShareRole): Promise<void> {
    await shareSystem(this.systemId, granteeOrganisationId, role);
    await this.load();
  }

  /** Gives an existing share another role. */
  async changeRole(granteeOrganisationId: string, role: ShareRole): Promise<void> {
    await changeSystemShare(this.systemId, granteeOrganisationId, role);
    await this.load();
  }

  /** Ends a share. */
  async revoke(granteeOrganisationId: string): Promise<void> {
    await revokeSystemShare(this.systemId, granteeOrganisationId);
    await this.load();
  }
}
