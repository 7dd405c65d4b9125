import { Injectable } from '@nestjs/common';
import { compareCheckpoints, type Checkpoint } from '@threatloom/eventstore';
import { DatabaseService } from '../database/database.service.js';
import { IllegalState } from '../errors/app-error.js';
import { ProjectionRunner } from './projection-runner.js';

/** How long a write waits for its projections before giving up. Default: 10 s. */
const WAIT_TIMEOUT_MS = 10_000;
const FIRST_POLL_DELAY_MS = 2;
const MAX_POLL_DELAY_MS = 50;

/**
 * Waits until projections have applied an event, read from their stored
 * checkpoints so it holds whichever server process runs them. A write waits
 * before it answers so that the next request already sees its effect: a
 * revoked share no longer grants access, a new model can be changed at once.
 */
@Injectable()
export class ProjectionProgress {
  constructor(
    private readonly database: DatabaseService,
    private readonly runner: ProjectionRunner,
  ) {}

  /** The stored checkpoint of each named projection; absent when it has applied nothing. */
  async checkpoints(projections: readonly string[]): Promise<Map<string, Checkpoint>> {
    if (projections.length === 0) return new Map();
    // Checkpoints hold no tenant data and sit outside row-level security.
    const rows = await this.database.db
      .selectFrom('projection_checkpoints')
      .select(['projection', 'transaction_id', 'position'])
      .where('projection', 'in', projections)
      .execute();
    return new Map(
      rows.map((row) => [
        row.projection,
        { transactionId: row.transaction_id, position: Number(row.position) },
      ]),
    );
  }

  /**
   * Resolves once every named projection's checkpoint is at or past `event` in
   * commit order (stored, or reached by this process's runner); IllegalState
   * after the timeout (the write itself is stored).
   */
  async waitFor(
    projections: readonly string[],
    event: Checkpoint,
    timeoutMs = WAIT_TIMEOUT_MS,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let delayMs = FIRST_POLL_DELAY_MS;
    for (;;) {
      const stored = await this.checkpoints(projections);
      const behind = projections.filter((name) => {
        // A projection skips events it does not handle without storing its checkpoint at once.
        if (this.runner.hasReached(name, event)) return false;
        const checkpoint = stored.get(name);
        return checkpoint === undefined || compareCheckpoints(checkpoint, event) < 0;
      });
      if (behind.length === 0) return;
      if (Date.now() > deadline) {
        throw new IllegalState(
          `the change is stored, but the read models (${behind.join(', ')}) did not reach it within ${timeoutMs} ms; reload shortly`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, MAX_POLL_DELAY_MS);
    }
  }
}
