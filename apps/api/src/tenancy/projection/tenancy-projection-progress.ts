import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../database/database.service.js';
import { IllegalState } from '../../errors/app-error.js';

/** Name of the tenancy projection (its row in projection_checkpoints). */
export const TENANCY_PROJECTION = 'tenancy';

/** How long a write waits for the projection before giving up. Default: 10 s. */
const WAIT_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 5;

/**
 * Waits until the tenancy projection's checkpoint reaches a global position.
 * Writes wait so that access (for example a revoked share) changes before the
 * mutation answers, not some milliseconds later.
 */
@Injectable()
export class TenancyProjectionProgress {
  constructor(private readonly database: DatabaseService) {}

  /** The last global position the tenancy projection applied, or -1. */
  async position(): Promise<number> {
    const row = await this.database.db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('projection', '=', TENANCY_PROJECTION)
      .executeTakeFirst();
    return row === undefined ? -1 : Number(row.position);
  }

  /** Resolves once the checkpoint is at or past `position`; IllegalState after the timeout. */
  async waitFor(position: number): Promise<void> {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    while ((await this.position()) < position) {
      if (Date.now() > deadline) {
        throw new IllegalState(`the tenancy read model did not reach position ${position} in time`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
}
