import pg from 'pg';

/** First delay before reconnecting a lost LISTEN connection. */
const FIRST_RETRY_DELAY_MS = 100;
/** Longest delay between reconnection attempts. */
const MAX_RETRY_DELAY_MS = 5_000;

/** What a listener reports besides notifications (for logs and tests). */
export interface ListenerEvents {
  /** The connection was lost; it is being re-established. */
  onDisconnect?: () => void;
  /** LISTEN is active again on a new connection. */
  onReconnect?: () => void;
}

/**
 * One LISTEN on a dedicated connection that survives losing it: when the
 * server ends the connection (restart, failover, an administrator's
 * pg_terminate_backend), it reconnects with a growing delay and, once
 * listening again, calls `onNotify('')` once, because notifications sent while
 * it was away are lost and the caller must re-read.
 *
 * At most one connection is open and at most one reconnection is pending at
 * any time: only an established connection (LISTEN succeeded) can trigger a
 * reconnection, and a failed attempt schedules the next one itself.
 */
export class PostgresListener {
  private client: pg.Client | undefined;
  private isStopped = false;
  private retryDelayMs = FIRST_RETRY_DELAY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
    private readonly events: ListenerEvents = {},
  ) {}

  /** Connects and starts listening; rejects (and stays stopped) when the first connection fails. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.isStopped = true;
      throw error;
    }
  }

  /** Ends the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.reconnecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * Opens a connection and runs LISTEN on it. Only once both succeeded does the
   * connection become the current one, and only then can losing it schedule a
   * reconnection. A failed attempt ends its connection and rejects.
   */
  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    let isEstablished = false;
    const lost = () => {
      if (isEstablished) this.onLost(client);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.notify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.isStopped) {
      await client.end().catch(() => undefined);
      return;
    }
    isEstablished = true;
    const previous = this.client;
    this.client = client;
    await previous?.end().catch(() => undefined);
  }

  private onLost(client: pg.Client): void {
    // 'error' and 'end' both fire for one loss; an older connection's loss is no news.
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.isStopped) return;
    this.events.onDisconnect?.();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.isStopped || this.retryTimer !== undefined || this.reconnecting !== undefined) return;
    const delayMs = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.reconnecting = this.reconnect().finally(() => {
        this.reconnecting = undefined;
        if (this.client === undefined) this.scheduleReconnect();
      });
    }, delayMs);
    // A pending reconnection alone must not keep the process alive.
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.isStopped) return;
    try {
      await this.connect();
    } catch {
      return; // the caller schedules the next attempt
    }
    if (this.isStopped || this.client === undefined) return;
    this.retryDelayMs = FIRST_RETRY_DELAY_MS;
    this.events.onReconnect?.();
    // Whatever was notified while the connection was down is lost: wake the caller to re-read.
    this.notify('');
  }

  /** A failing callback must neither crash the process nor stop the listener. */
  private notify(payload: string): void {
    try {
      this.onNotify(payload);
    } catch (error) {
      process.emitWarning(
        `listener on ${this.channel} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
