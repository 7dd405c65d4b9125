import pg from 'pg';

/** First delay before reconnecting a lost LISTEN connection. */
const FIRST_RETRY_DELAY_MS = 100;
/** Longest delay between reconnection attempts. */
const MAX_RETRY_DELAY_MS = 5_000;

/** What a listener reports besides notifications (for logs and tests). */
export interface ListenerEvents {
  /** The connection was lost; it is being re-established. */
  onDisconnect?: (error: Error | undefined) => void;
  /** LISTEN is active again on a new connection. */
  onReconnect?: () => void;
}

/**
 * One LISTEN on a dedicated connection that survives losing it: when the
 * server ends the connection (restart, failover, an administrator's
 * pg_terminate_backend), it reconnects with a growing delay and, once
 * listening again, calls `onNotify('')` once, because notifications sent while
 * it was away are lost and the caller must re-read.
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

  /** Connects and starts listening; rejects when the first connection fails. */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  /** Ends the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    await this.reconnecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    let isLost = false;
    const lost = (error?: Error) => {
      if (isLost) return;
      isLost = true;
      if (this.client === client) this.client = undefined;
      if (this.isStopped) return;
      this.events.onDisconnect?.(error);
      this.scheduleReconnect();
    };
    client.on('error', (error) => lost(error));
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.notify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      isLost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private scheduleReconnect(): void {
    const delayMs = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    this.retryTimer = setTimeout(() => {
      this.reconnecting = this.reconnect();
    }, delayMs);
    // A pending reconnection alone must not keep the process alive.
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    if (this.isStopped) return;
    try {
      const client = await this.connect();
      if (this.isStopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryDelayMs = FIRST_RETRY_DELAY_MS;
    } catch {
      if (!this.isStopped) this.scheduleReconnect();
      return;
    }
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
