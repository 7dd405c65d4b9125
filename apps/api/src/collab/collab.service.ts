import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ElementLayout } from '@threatloom/collab';
import { editingRoles, type Role } from '@threatloom/domain';
import type { Subscription } from '@threatloom/eventstore';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { RequestScope } from '../access/request-scope.js';
import {
  REQUEST_SCOPE_RESOLVER,
  type RequestScopeResolver,
} from '../access/request-scope.resolver.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { NotFound } from '../errors/app-error.js';
import { toAppError } from '../errors/to-app-error.js';
import { rememberWebSocket } from '../graphql/subscription-connections.js';
import { Authenticator } from '../identity/authentication/authenticator.js';
import { actorOf } from '../identity/authentication/request-identity.js';
import { subscriptionConnectionRefusal } from '../identity/authentication/subscription-connection-check.js';
import { modelIdOfStream } from '../model/model-stream.js';
import { ModelStateStore } from '../model-state/model-state.store.js';
import { TenancyRequestScope } from '../tenancy/access/tenancy-request-scope.js';
import { collabLimits, CollabCloseCode } from './collab-limits.js';
import { MalformedMessage, parseClientMessage, type ClientMessage } from './collab-messages.js';
import { OrganisationService } from '../tenancy/organisation/organisation.service.js';
import { CollabSession, DocumentTooLarge, type CollabPeer } from './collab-session.js';
import { DOC_STREAM_CATEGORY, modelIdOfDocStream } from './collab-streams.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { PoisonedUpdate, UpdateCheck } from './update-check.js';
import { WebSocketPeer } from './websocket-peer.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route of the co-editing endpoint. */
export const COLLAB_ROUTE = '/collab/:modelId';

interface CollabQuery {
  /** An API token, for clients that cannot set an Authorization header (browsers). */
  token?: string;
  /** The session's CSRF token, required with the session cookie. */
  csrf?: string;
}

/** Why a connection may not proceed: a close code and a reason. */
class Refusal extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The co-editing endpoint: `/collab/:modelId` speaks the y-websocket protocol
 * on the API's own port. A connection is authenticated and authorised for
 * the model before its document is loaded; messages that arrive meanwhile
 * wait. One CollabSession per open model, freed when its last client leaves.
 */
@Injectable()
export class CollabService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('CollabService');
  private readonly sessions = new Map<string, Promise<CollabSession>>();
  private subscription: Subscription | null = null;
  private stopping = false;
  private readonly updateCheck: UpdateCheck;
  /**
   * Documents loading at once: a burst of connections (clients reconnecting
   * after a restart) loads them a few at a time, so the memory each load
   * needs while it runs is not needed for all of them together.
   */
  private readonly opens = new ConcurrencyLimit(collabLimits.concurrentOpens);
  /** Users whose update ran out of its decoding budget, until when they may not connect. */
  private readonly barredUntil = new Map<string, number>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly database: DatabaseService,
    private readonly states: ModelStateStore,
    private readonly authenticator: Authenticator,
    @Inject(REQUEST_SCOPE_RESOLVER) private readonly scopes: RequestScopeResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationService,
  ) {
    this.updateCheck = new UpdateCheck(config.collab.updateBudgetMs);
  }

  /** Registers the WebSocket route (after @fastify/websocket, which createApp registers first). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (instance) => {
      instance.route({
        method: 'GET',
        url: COLLAB_ROUTE,
        handler: async (_request: FastifyRequest, reply: FastifyReply) => {
          await reply
            .status(426)
            .header('upgrade', 'websocket')
            .send({
              error: {
                code: 'UPGRADE_REQUIRED',
                message:
                  'This is the co-editing endpoint: open a WebSocket that speaks the y-websocket protocol (docs/collaboration.md)',
              },
            });
        },
        wsHandler: (socket: WebSocket, request: FastifyRequest) => {
          this.connect(socket, request);
        },
      });
    });
  }

  /** Follows the event store, so an open doc shows what GraphQL and other processes store. */
  async onApplicationBootstrap(): Promise<void> {
    const head = await this.database.eventStore.headPosition();
    this.subscription = this.database.eventStore.subscribe({
      fromPosition: head + 1,
      // Only which stream moved and to which version matters here.
      omitDataOf: [DOC_STREAM_CATEGORY],
      handler: async (event) => {
        const modelStream = modelIdOfStream(event.streamId);
        const modelId = modelStream ?? modelIdOfDocStream(event.streamId);
        if (modelId === null) return;
        const session = this.sessions.get(modelId);
        if (session === undefined) return;
        void session
          .then((open) =>
            open.noticeStored(modelStream === null ? 'doc' : 'model', event.streamVersion),
          )
          .catch(() => undefined);
      },
    });
    this.subscription.finished.catch((error: unknown) =>
      this.logger.error(
        `co-editing change feed stopped: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  /** Persists every open doc and closes its connections (they reconnect to the next server). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    const open = await Promise.allSettled([...this.sessions.values()]);
    for (const result of open) {
      if (result.status !== 'fulfilled') continue;
      await result.value.flush().catch(() => undefined);
      result.value.close(CollabCloseCode.restart, 'The server is restarting; reconnect');
    }
    this.sessions.clear();
    await this.updateCheck.close();
  }

  /** Stores what the open doc of `modelId` holds, before a command decided elsewhere. */
  async flush(modelId: string): Promise<void> {
    const session = this.sessions.get(modelId);
    if (session === undefined) return;
    const open = await session.catch(() => null);
    await open?.flush();
  }

  /** Shows in the open doc of `modelId` what was just stored outside it. */
  async catchUp(modelId: string): Promise<void> {
    const session = this.sessions.get(modelId);
    if (session === undefined) return;
    const open = await session.catch(() => null);
    await open?.catchUp();
  }

  /**
   * Sets or removes an element's position for a GraphQL caller: a doc update
   * stored like a co-editor's (layout is never a domain event). The caller
   * needs `edit` on the model; NotFound (on `field`) when it has no such element.
   */
  async writeElementLayout(
    scope: RequestScope,
    modelId: string,
    elementId: string,
    layout: ElementLayout | null,
    field: string,
  ): Promise<void> {
    await scope.requireAccess('edit', [modelId]);
    let session = await this.sessionFor(modelId, scope);
    while (session.closed) session = await this.sessionFor(modelId, scope);
    const author: CollabPeer = {
      id: scope.requestId,
      scope,
      context: {
        actor: {
          userId: scope.userId ?? 'anonymous',
          organisationId: scope.actingOrganisationId ?? '',
          roles: scope.roles as Role[],
          email: scope instanceof TenancyRequestScope ? scope.caller.email : null,
        },
        now: new Date().toISOString(),
      },
      mayEdit: true,
      identity: {
        userId: scope.userId ?? 'anonymous',
        name: '',
        organisationId: null,
        organisationName: null,
      },
      // The author is a request, not a connection: nothing is sent to it.
      send: () => undefined,
      close: () => undefined,
    };
    try {
      const found = await session.writeElementLayout(author, elementId, layout);
      if (!found) throw new NotFound('Element', elementId, field);
    } finally {
      session.unloadIfUnused();
    }
  }

  /** Whether the doc of `modelId` is loaded in this process. */
  isOpen(modelId: string): boolean {
    return this.sessions.has(modelId);
  }

  private connect(socket: WebSocket, request: FastifyRequest): void {
    // Messages sent before the connection is authorised wait for it, in order.
    const waiting: Uint8Array[] = [];
    let deliver: ((data: Uint8Array) => void) | null = null;
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      const bytes = toBytes(data);
      if (!isBinary || bytes === null) {
        socket.close(
          CollabCloseCode.malformed,
          'Malformed: messages are binary y-websocket frames',
        );
        return;
      }
      if (deliver === null) waiting.push(bytes);
      else deliver(bytes);
    });
    socket.on('error', () => socket.terminate());
    // A peer that vanished without closing (network gone) is found by its missing pong.
    let answered = true;
    socket.on('pong', () => (answered = true));
    const liveness = setInterval(() => {
      if (!answered) {
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, collabLimits.pingIntervalMs);
    liveness.unref();
    socket.on('close', () => clearInterval(liveness));
    this.authorise(socket, request)
      .then(async ({ scope, mayEdit, modelId, name, organisationName }) => {
        if (socket.readyState !== socket.OPEN) return;
        let session = await this.sessionFor(modelId, scope);
        // The last client of a session may have left meanwhile, unloading it.
        while (session.closed) session = await this.sessionFor(modelId, scope);
        const peer = new WebSocketPeer(
          randomUUID(),
          socket,
          scope,
          {
            actor: {
              userId: scope.userId ?? 'anonymous',
              organisationId: scope.actingOrganisationId ?? '',
              roles: scope.roles as Role[],
              email: name,
            },
            now: new Date().toISOString(),
          },
          mayEdit,
          {
            userId: scope.userId ?? 'anonymous',
            name: name ?? scope.userId ?? 'anonymous',
            organisationId: scope.actingOrganisationId,
            organisationName,
          },
        );
        if (socket.readyState !== socket.OPEN) return;
        session.join(peer);
        socket.on('close', () => session.leave(peer));
        deliver = this.inbox(session, peer);
        for (const bytes of waiting.splice(0)) deliver(bytes);
      })
      .catch((error: unknown) => {
        if (error instanceof Refusal) {
          request.log.info({ reason: error.message }, 'refused a co-editing connection');
          socket.close(error.code, error.message);
          return;
        }
        this.logger.error(
          `co-editing connection failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        socket.close(CollabCloseCode.restart, 'The document could not be opened; reconnect');
      });
  }

  /**
   * The delivery of one connection's messages, in order: an update reaches
   * the doc only once the checker thread decoded it within its budget, and
   * the messages after it wait for it. After a refusal the rest are dropped.
   */
  private inbox(session: CollabSession, peer: WebSocketPeer): (bytes: Uint8Array) => void {
    let chain: Promise<void> = Promise.resolve();
    let waiting = 0;
    let dropped = false;
    const refuse = (error: unknown) => {
      dropped = true;
      this.refuse(session, peer, error);
    };
    const receive = (message: ClientMessage) => {
      if (dropped || session.closed) return;
      try {
        session.receive(peer, message);
      } catch (error) {
        refuse(error);
      }
    };
    return (bytes) => {
      if (dropped || session.closed) return;
      if (!peer.limit.take()) {
        dropped = true;
        peer.close(CollabCloseCode.rateLimited, 'Too many messages: slow down');
        return;
      }
      let message: ClientMessage;
      try {
        message = parseClientMessage(bytes);
      } catch (error) {
        refuse(error);
        return;
      }
      if (message.kind !== 'update' && waiting === 0) {
        receive(message);
        return;
      }
      waiting += 1;
      const checked =
        message.kind === 'update' ? this.updateCheck.check(message.update) : Promise.resolve();
      // Observed here at once; acted on in order below.
      checked.catch(() => undefined);
      chain = chain
        .then(() => checked)
        .then(
          () => receive(message),
          (error: unknown) => {
            if (!dropped) refuse(error);
          },
        )
        .finally(() => {
          waiting -= 1;
        });
    };
  }

  /** How much longer `userId` may not connect after a poisoned update (0: may connect). */
  private barredMs(userId: string | null): number {
    const key = userId ?? 'anonymous';
    const until = this.barredUntil.get(key);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) this.barredUntil.delete(key);
    return Math.max(0, left);
  }

  /** Closes a connection whose message cannot be taken, with the code that says why. */
  private refuse(session: CollabSession, peer: WebSocketPeer, error: unknown): void {
    if (error instanceof DocumentTooLarge) {
      peer.close(
        CollabCloseCode.documentTooLarge,
        'Document too large: the update was not applied',
      );
    } else if (error instanceof MalformedMessage) {
      peer.close(CollabCloseCode.malformed, `Malformed: ${error.message}`);
    } else if (error instanceof PoisonedUpdate) {
      // Every connection's updates wait behind one being checked: its author waits a while
      // before connecting again, so no one can hold everyone's edits up update after update.
      const userId = peer.scope.userId ?? 'anonymous';
      this.barredUntil.set(userId, Date.now() + collabLimits.poisonedUpdateBarMs);
      this.logger.warn(
        `dropped a co-editing connection of user ${userId} on model ${session.modelId}, and barred the user for ${collabLimits.poisonedUpdateBarMs} ms: its update was refused because ${error.message}`,
      );
      peer.close(
        CollabCloseCode.unprocessable,
        'Unprocessable: the update took too long to decode and was not applied',
      );
    } else {
      // Yjs could not decode the update (it throws plain errors): only the sender goes.
      this.logger.warn(
        `closed a co-editing connection on model ${session.modelId}: ${error instanceof Error ? error.message : String(error)}`,
      );
      peer.close(CollabCloseCode.malformed, 'Malformed: the update could not be decoded');
    }
  }

  /** Authenticates and authorises before anything of the model is loaded. */
  private async authorise(
    socket: WebSocket,
    request: FastifyRequest,
  ): Promise<{
    scope: RequestScope;
    mayEdit: boolean;
    modelId: string;
    name: string | null;
    organisationName: string | null;
  }> {
    if (this.stopping) throw new Refusal(CollabCloseCode.restart, 'The server is stopping');
    const modelId = (request.params as { modelId?: string }).modelId ?? '';
    if (!uuidPattern.test(modelId)) {
      throw new Refusal(CollabCloseCode.forbidden, 'Forbidden: no such model, or no access to it');
    }
    const query = (request.query ?? {}) as CollabQuery;
    if (typeof query.token === 'string' && query.token !== '') {
      try {
        request.threatloomIdentity = await this.authenticator.authenticate({
          authorization: `Bearer ${query.token}`,
        });
      } catch (error) {
        const appError = toAppError(error);
        if (appError === null) throw error;
        throw new Refusal(CollabCloseCode.unauthenticated, `Unauthenticated: ${appError.message}`);
      }
    } else {
      const refusal = subscriptionConnectionRefusal(
        request,
        { csrfToken: query.csrf },
        this.config.allowedOrigins,
      );
      if (refusal !== null) {
        throw new Refusal(
          CollabCloseCode.forbidden,
          refusal.replace('connection_init payload needs', 'the `csrf` query parameter must be'),
        );
      }
    }
    if (actorOf(request) === null) {
      throw new Refusal(
        CollabCloseCode.unauthenticated,
        'Unauthenticated: sign in, or pass an API token as the `token` query parameter',
      );
    }
    rememberWebSocket(socket, request);
    const scope = await this.scopes.resolve(request, request.id);
    try {
      await scope.requireAccess('read', [modelId]);
    } catch (error) {
      if (toAppError(error) === null) throw error;
      throw new Refusal(CollabCloseCode.forbidden, 'Forbidden: no such model, or no access to it');
    }
    const barredFor = this.barredMs(scope.userId);
    if (barredFor > 0) {
      throw new Refusal(
        CollabCloseCode.rateLimited,
        `Too many refused updates: an update of yours took too long to decode; connect again in ${Math.ceil(barredFor / 1000)} s`,
      );
    }
    const mayEdit = scope.roles.some((role) => editingRoles.includes(role as Role));
    const name = scope instanceof TenancyRequestScope ? scope.caller.email : null;
    return { scope, mayEdit, modelId, name, organisationName: await this.organisationName(scope) };
  }

  /** The name of the organisation the caller acts for, shown with their presence; null when unknown. */
  private async organisationName(scope: RequestScope): Promise<string | null> {
    if (scope.actingOrganisationId === null) return null;
    try {
      return (await this.organisations.get(scope, scope.actingOrganisationId)).name;
    } catch (error) {
      if (toAppError(error) === null) throw error;
      return null;
    }
  }

  private sessionFor(modelId: string, scope: RequestScope): Promise<CollabSession> {
    const existing = this.sessions.get(modelId);
    if (existing !== undefined) {
      return existing.then((session) =>
        session.closed ? this.sessionFor(modelId, scope) : session,
      );
    }
    const opening = this.opens.run(() =>
      CollabSession.open(
        modelId,
        { database: this.database, states: this.states, serverScope: scope },
        (session) => {
          if (this.sessions.get(modelId) === opening) this.sessions.delete(modelId);
          if (!session.closed) session.close(CollabCloseCode.restart, 'The document was unloaded');
        },
      ),
    );
    this.sessions.set(modelId, opening);
    opening.catch(() => {
      if (this.sessions.get(modelId) === opening) this.sessions.delete(modelId);
    });
    return opening;
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array | null {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
