import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';

/** Channel on which appends wake subscribers; the payload is empty, readers always re-read. */
export const EVENTS_CHANNEL = 'threatloom_events';

/** Statement that wakes subscribers when the surrounding transaction commits. */
async function notifyOnCommit(executor: SqlExecutor): Promise<void> {
  await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`.execute(executor);
}

/** Minimum spacing of wake-ups from one store; appends in between share the next one. Default: 20 ms. */
export const WAKE_UP_INTERVAL_MS = 20;

/**
 * Sends wake-ups after the store's own appends have committed: the first at
 * once, then at most one per interval for the appends that followed. Notifying
 * outside the appending transaction keeps PostgreSQL's notify-queue lock out of
 * every append's commit, and throttling keeps a busy writer from doubling its
 * statements. Subscribers poll as a fallback, so a lost wake-up only delays them.
 */
export class WakeUpNotifier {
  private readonly inFlight = new Set<Promise<void>>();
  private throttle: NodeJS.Timeout | undefined;
  private isPending = false;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly intervalMs = WAKE_UP_INTERVAL_MS,
  ) {}

  /** Requests a wake-up; returns at once. */
  wakeUp(): void {
    if (this.throttle) {
      this.isPending = true;
      return;
    }
    this.send();
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      if (this.isPending) {
        this.isPending = false;
        this.wakeUp();
      }
    }, this.intervalMs);
  }

  /** Sends any wake-up still waiting for its interval and waits for those in flight. */
  async drain(): Promise<void> {
    if (this.throttle) {
      clearTimeout(this.throttle);
      this.throttle = undefined;
      if (this.isPending) {
        this.isPending = false;
        this.send();
      }
    }
    await Promise.all([...this.inFlight]);
  }

  private send(): void {
    const sending = notifyOnCommit(this.executor).catch(() => undefined);
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }
}
