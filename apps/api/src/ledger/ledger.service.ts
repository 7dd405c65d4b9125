import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import {
  compareCheckpoints,
  loadOrCreateSigningKey,
  proveStreams,
  readLatestCheckpoint,
  readPublicKeyFile,
  sealLedger,
  verifyLedger,
  type Checkpoint,
  type LedgerProofs,
  type LedgerVerification,
  type SignedCheckpoint,
  type SigningKey,
} from '@threatloom/eventstore';
import type { KeyObject } from 'node:crypto';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';

/**
 * Seals the event log in signed checkpoints (docs/tamper-evidence.md): every
 * `CHECKPOINT_INTERVAL_SECONDS` while there are new events, when a version is
 * frozen, and once more at shutdown; and verifies streams against the latest
 * checkpoint. Seals run one at a time in this process, and take turns with
 * other processes on the database's advisory lock.
 */
@Injectable()
export class LedgerService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Ledger');
  private key: SigningKey | undefined;
  private retiredKeys: KeyObject[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SignedCheckpoint | undefined> = Promise.resolve(undefined);
  private isShuttingDown = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseService,
  ) {}

  onModuleInit(): void {
    this.key = loadOrCreateSigningKey(this.config.ledger.keyFile);
    this.retiredKeys = this.config.ledger.trustedKeyFiles.map(readPublicKeyFile);
    this.logger.log(
      `${this.key.isNew ? 'Generated' : 'Using'} checkpoint signing key ${this.key.fingerprint} (${this.config.ledger.keyFile})`,
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sealInBackground(), this.config.ledger.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.isShuttingDown = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    // What was appended since the last seal is sealed before the database closes.
    await this.sealInBackground();
  }

  /** The signing key's public half and fingerprint. */
  get signingKey(): SigningKey {
    if (this.key === undefined) throw new Error('the ledger is not initialised yet');
    return this.key;
  }

  /** Every key whose checkpoints are trusted: the current one first, then retired ones. */
  get trustedKeys(): KeyObject[] {
    return [this.signingKey.publicKey, ...this.retiredKeys];
  }

  /**
   * Seals now, after any seal already running; the new checkpoint, or
   * undefined when nothing was new. Throws what the seal throws.
   */
  seal(): Promise<SignedCheckpoint | undefined> {
    const next = this.running
      .catch(() => undefined)
      // Pages of 500: on the embedded database each page's insert runs on this thread.
      .then(() =>
        sealLedger(this.database.db, { signingKey: this.signingKey.privateKey, pageSize: 500 }),
      );
    this.running = next;
    return next;
  }

  /**
   * Seals until the checkpoint covers `event` (a version freeze): the event's
   * transaction has committed, but on PostgreSQL another transaction still in
   * flight can hold the readers' horizon below it for a moment. Gives up after
   * `timeoutMs` and leaves it to the next interval; a failure is logged, not
   * thrown: the event is stored either way.
   */
  async sealThrough(event: Checkpoint, timeoutMs = 2000): Promise<SignedCheckpoint | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await this.sealInBackground();
      const latest = checkpoint ?? (await this.latestCheckpoint());
      if (latest?.last != null && compareCheckpoints(latest.last, event) >= 0) return latest;
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Inclusion proofs of the given streams' sealed events and heads in the latest checkpoint. */
  prove(streamIds: readonly string[]): Promise<LedgerProofs> {
    return proveStreams(this.database.db, streamIds);
  }

  /** The store's latest checkpoint, if any. */
  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return (await readLatestCheckpoint(this.database.db))?.checkpoint;
  }

  /**
   * Verifies the given streams (all when null) against the latest checkpoint,
   * in pages small enough that no stretch of hashing holds the event loop long.
   */
  verify(streamIds: readonly string[] | null, checkpoint?: unknown): Promise<LedgerVerification> {
    return verifyLedger(this.database.db, {
      trustedKeys: this.trustedKeys,
      streamIds,
      pageSize: 500,
      ...(checkpoint === undefined ? {} : { checkpoint }),
    });
  }

  private async sealInBackground(): Promise<SignedCheckpoint | undefined> {
    try {
      const checkpoint = await this.seal();
      if (checkpoint !== undefined) {
        this.logger.log(
          `Sealed ${checkpoint.treeSize} events: root ${checkpoint.rootHash}${this.isShuttingDown ? ' (at shutdown)' : ''}`,
        );
      }
      return checkpoint;
    } catch (error) {
      this.logger.error(
        `Sealing the event log failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
