import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DatabaseService } from '../../database/database.service.js';
import { identityReader } from '../identity-transactions.js';
import type { IdentityConfig } from '../identity-config.js';
import { IDENTITY_CONFIG } from '../identity.tokens.js';

/** How often ended sessions are deleted. Default: every 10 minutes. */
export const SESSION_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes sessions that can no longer authenticate anyone: past their
 * absolute expiry, idle longer than the idle timeout, or signed out. Runs at
 * start and then periodically, so the sessions table holds live sessions and
 * a stolen database backup holds no usable history of them. Sign-ins and
 * sign-outs remain as events.
 */
@Injectable()
export class SessionSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly database: DatabaseService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Deletes every ended session now; resolves to how many were deleted. */
  async sweep(now = new Date()): Promise<number> {
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleTimeoutMs);
    const result = await identityReader(this.database)
      .deleteFrom('sessions')
      .where((where) =>
        where.or([
          where('expires_at', '<=', now),
          where('last_seen_at', '<=', idleCutoff),
          where('revoked_at', 'is not', null),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.sweep();
      this.running
        .then((deleted) => {
          if (deleted > 0) this.logger.log(`deleted ${deleted} ended sessions`);
        })
        .catch((error: unknown) =>
          this.logger.warn(
            `deleting ended sessions failed; retrying later: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          this.running = null;
          if (this.timer !== null) this.schedule(SESSION_SWEEP_INTERVAL_MS);
        });
    }, delayMs);
    // Housekeeping alone must not keep the process alive.
    this.timer.unref();
  }
}
