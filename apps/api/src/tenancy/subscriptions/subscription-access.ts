import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { FORBIDDEN_CLOSE_CODE, webSocketOf } from '../../graphql/subscription-connections.js';
import type { TenancyRequestScope } from '../access/tenancy-request-scope.js';
import { ShareRevocations, type ShareRevocation } from '../system/share-revocations.js';

/**
 * Every open connection is also re-checked this often, so a revocation whose
 * NOTIFY was missed (the listening connection dropped) still ends access.
 * Default: 15 s.
 */
const SWEEP_INTERVAL_MS = 15_000;

interface OpenConnection {
  scope: TenancyRequestScope;
  socket: Socket;
}

/** The parts of the Fastify instance (with mercurius) this registry uses. */
type FastifyWithGraphQL = FastifyInstance & {
  graphql?: {
    addHook(
      name: 'onSubscriptionResolution',
      hook: (execution: unknown, context: unknown) => Promise<void>,
    ): void;
  };
};

/**
 * Ends open GraphQL subscriptions (graphql-ws over /graphql) whose access was
 * revoked. Each WebSocket's scope is remembered at connection time. Access is
 * re-checked (everything the scope granted, against current shares and
 * memberships) before every pushed event, when a share is revoked or narrowed
 * (NOTIFY, so every server process hears it), and every 15 s; a connection
 * that lost access is closed with 4403 Forbidden.
 */
@Injectable()
export class SubscriptionAccess implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SubscriptionAccess');
  private readonly open = new Set<OpenConnection>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly revocations: ShareRevocations,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Starts listening for revocations, the per-event check and the periodic re-check. */
  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyWithGraphQL>();
    fastify.graphql?.addHook('onSubscriptionResolution', (_execution, context) =>
      this.beforePush(context as { scope?: unknown }),
    );
    await this.revocations.onRevocation((revocation) => this.report(this.enforce(revocation)));
    this.sweep = setInterval(() => this.report(this.enforce(null)), SWEEP_INTERVAL_MS);
    this.sweep.unref();
  }

  /** Stops the periodic re-check. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweep !== null) clearInterval(this.sweep);
    this.sweep = null;
  }

  private report(work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.logger.error(
        `re-checking subscriptions failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  /**
   * Runs before each subscription event is sent: a connection whose access is
   * gone is closed (4403) and the event is withheld (mercurius does not send
   * a value whose hook throws).
   */
  private async beforePush(context: { scope?: unknown }): Promise<void> {
    const connection = [...this.open].find((candidate) => candidate.scope === context.scope);
    if (connection === undefined || (await connection.scope.isStillGranted())) return;
    this.close(connection);
    throw new Error('subscription closed: access was revoked');
  }

  /** Remembers the scope of a WebSocket upgrade request until its socket closes. */
  track(request: FastifyRequest | null, scope: TenancyRequestScope): void {
    if (request === null || request.headers.upgrade?.toLowerCase() !== 'websocket') return;
    const socket = request.raw.socket as Socket;
    const connection: OpenConnection = { scope, socket };
    this.open.add(connection);
    socket.once('close', () => this.open.delete(connection));
  }

  /** How many WebSocket connections are being watched (for tests and metrics). */
  get size(): number {
    return this.open.size;
  }

  /** Re-checks the connections a revocation concerns (all of them when `revocation` is null). */
  private async enforce(revocation: ShareRevocation | null): Promise<void> {
    for (const connection of [...this.open]) {
      const isConcerned =
        revocation === null ||
        connection.scope.actingOrganisationId === revocation.granteeOrganisationId;
      if (!isConcerned) continue;
      if (await connection.scope.isStillGranted()) continue;
      this.close(connection);
    }
  }

  private close(connection: OpenConnection): void {
    this.open.delete(connection);
    // A close frame with the code, so the client learns why; destroying the
    // TCP socket would reach it as 1006 (abnormal closure).
    const webSocket = webSocketOf(connection.socket);
    if (webSocket) webSocket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden: access was revoked');
    else connection.socket.destroy();
  }
}
