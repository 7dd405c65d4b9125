import { createConnection, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresListener } from '../src/database/postgres-listener.js';
import { availableBackends, useMigratedStore } from './backends.js';

/**
 * A TCP relay in front of PostgreSQL that can go down: it cuts every relayed
 * connection and hangs up on new ones at once, as a restarting server or a
 * flaky network does, until it comes back.
 */
class FlakyRelay {
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private isDown = false;
  port = 0;

  async start(target: { host: string; port: number }): Promise<void> {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.isDown) {
        client.destroy();
        return;
      }
      const upstream = createConnection(target);
      upstream.on('error', () => undefined);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
  }

  goDown(): void {
    this.isDown = true;
    for (const socket of this.sockets) socket.destroy();
  }

  comeBack(): void {
    this.isDown = false;
  }

  async close(): Promise<void> {
    this.goDown();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each((await availableBackends()).filter((backend) => backend.kind === 'postgres'))(
  'a reconnecting LISTEN on $kind behind a flaky network',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);
    const relay = new FlakyRelay();
    let relayedUrl = '';

    beforeAll(async () => {
      const direct = new URL(fixture.postgres?.url ?? '');
      await relay.start({ host: direct.hostname, port: Number(direct.port || 5432) });
      direct.host = `127.0.0.1:${relay.port}`;
      relayedUrl = direct.toString();
    });
    afterAll(async () => {
      await relay.close();
    });

    async function listeningConnections(channel: string): Promise<number> {
      const client = new pg.Client({ connectionString: fixture.postgres?.url ?? '' });
      await client.connect();
      try {
        const { rows } = await client.query<{ count: string }>(
          `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
          [`LISTEN "${channel}"`],
        );
        return Number(rows[0]?.count);
      } finally {
        await client.end();
      }
    }

    async function notify(channel: string, payload: string): Promise<void> {
      const client = new pg.Client({ connectionString: fixture.postgres?.url ?? '' });
      await client.connect();
      try {
        await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
      } finally {
        await client.end();
      }
    }

    it('keeps exactly one connection through failed reconnection attempts, and none after stop', async () => {
      const channel = 'threatloom_flaky';
      const payloads: string[] = [];
      const listener = new PostgresListener(relayedUrl, channel, (payload) =>
        payloads.push(payload),
      );
      await listener.start();
      try {
        // Given the server goes away for a while
        relay.goDown();
        await sleep(3_200); // several attempts fail: after 100, 200, 400, 800 and 1,600 ms
        relay.comeBack();

        // Then the listener comes back once, with one connection and one wake-up,
        // still so after the longest retry delay (no second chain of attempts)
        await expect.poll(() => payloads, { timeout: 15_000 }).toEqual(['']);
        await sleep(5_500);
        expect(payloads).toEqual(['']);
        expect(await listeningConnections(channel)).toBe(1);

        // And each NOTIFY arrives once
        await notify(channel, 'once');
        await expect.poll(() => payloads, { timeout: 5_000 }).toEqual(['', 'once']);
        await sleep(200);
        expect(payloads).toEqual(['', 'once']);
      } finally {
        await listener.stop();
      }
      await expect.poll(() => listeningConnections(channel), { timeout: 5_000 }).toBe(0);
    });

    it('leaves nothing behind when the first connection fails', async () => {
      const channel = 'threatloom_never';
      const payloads: string[] = [];
      relay.goDown();
      try {
        await expect(
          new PostgresListener(relayedUrl, channel, (payload) => payloads.push(payload)).start(),
        ).rejects.toThrow();
      } finally {
        relay.comeBack();
      }
      await sleep(1_000);
      expect(await listeningConnections(channel)).toBe(0);
      expect(payloads).toEqual([]);
    });
  },
);
