import { Logger } from '@nestjs/common';
import {
  applyClientUpdate,
  applyReadOnlyUpdate,
  decideDocChange,
  mergeScopes,
  modelFromDoc,
  collabModelOf,
  ELEMENT_LAYOUT_ROOT,
  type ElementLayout,
  mirrorState,
  SERVER_ORIGIN,
  writeModelToDoc,
  type Rejection,
  type CollabModel,
  type RefusedCommand,
  type WriteScope,
} from '@threatloom/collab';
import { replay, upcast, type CommandContext, type ModelState } from '@threatloom/domain';
import { WrongExpectedVersion, type NewEvent } from '@threatloom/eventstore';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RequestScope } from '../access/request-scope.js';
import type { DatabaseService } from '../database/database.service.js';
import { modelStreamId } from '../model/model-stream.js';
import type { ModelStateStore } from '../model-state/model-state.store.js';
import {
  MAX_CLIENT_IDS_PER_CONNECTION,
  rewriteAwarenessUpdate,
  type PresenceIdentity,
} from './collab-awareness.js';
import { collabLimits, CollabCloseCode } from './collab-limits.js';
import {
  awarenessMessage,
  permissionDeniedMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
  type ClientMessage,
} from './collab-messages.js';
import {
  CHANGE_REJECTED,
  DOC_UPDATED,
  docStreamId,
  readDoc,
  writeDocSnapshot,
  type ChangeRejectedData,
  type DocUpdatedData,
} from './collab-streams.js';

/** One open WebSocket on a model, as the session sees it. */
export interface CollabPeer {
  readonly id: string;
  readonly scope: RequestScope;
  /** Actor of the peer's edits; `now` is set per update. */
  readonly context: CommandContext;
  /** False for viewers and auditors: their updates are undone whole. */
  readonly mayEdit: boolean;
  readonly identity: PresenceIdentity;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Doc updates and decisions of one actor, persisted together in one transaction. */
interface Batch {
  /** `user:<id>@<org>` of the author, or `server` for the server's own writes. */
  actorKey: string;
  peer: CollabPeer | null;
  /** Entities the batch's updates touched: what its stored decision compares. */
  touched: WriteScope;
  /** The model the doc held when the batch closed: what the batch is stored as. */
  target: CollabModel | null;
  /** `foreignReads` when the batch closed: another writer's changes read later make `target` stale. */
  foreignAtSeal: number;
  updates: Uint8Array[];
  rejected: ChangeRejectedData[];
  /** The doc's state vector when the batch closed: what "saved" means once it commits. */
  stateVector: Uint8Array | null;
}

/** What a session needs from the server. */
export interface CollabSessionDeps {
  database: DatabaseService;
  states: ModelStateStore;
  /** Scope for the server's own reads and writes (catching up, mirroring). */
  serverScope: RequestScope;
}

const SERVER_CONTEXT_ACTOR = 'system:collab';

/** Origin of doc updates another process stored. */
const FOREIGN_ORIGIN = 'threatloom/other-process';

/** A doc's state is snapshotted once this many updates were stored since the last snapshot. */
export const DOC_SNAPSHOT_EVERY = 100;

function actorKeyOf(peer: CollabPeer): string {
  return `user:${peer.context.actor.userId}@${peer.context.actor.organisationId}`;
}

function base64(update: Uint8Array): string {
  return Buffer.from(update).toString('base64');
}

/**
 * One open model: the authoritative Y.Doc, its presence, the connections on
 * it, and the domain state the doc mirrors. Client updates are decided and
 * broadcast at once (after validation, before persistence); each actor's
 * updates are gathered for `persistWindowMs` and persisted in one transaction
 * with the domain events decided from them, and "saved" is published in the
 * server's presence state once that transaction commits
 * (docs/collaboration.md).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly logger = new Logger('CollabSession');
  private readonly peers = new Set<CollabPeer>();
  /** Awareness client ids each peer announced. */
  private readonly peerClients = new Map<CollabPeer, Set<number>>();
  /** The state as stored. */
  private persisted: ModelState;
  /** The state the doc shows: stored, plus every decided step not yet stored. */
  private running: ModelState;
  private docVersion: number;
  /** Hash of the doc stream's last event, which a snapshot names. */
  private lastDocHash: string | null = null;
  /** Doc updates stored since the newest snapshot. */
  private sinceSnapshot = 0;
  /** The open batch: one actor's updates; another actor's update closes it. */
  private window: Batch | null = null;
  private windowTimer: NodeJS.Timeout | null = null;
  /** Set while closed batches wait for `persistIntervalMs`. */
  private persistTimer: NodeJS.Timeout | null = null;
  /** When the last store began (ms since the epoch). */
  private lastPersistAt = 0;
  private readonly queue: Batch[] = [];
  private persisting: Batch[] | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** A catch-up is queued and has not started: later notices need no other. */
  private catchUpWaiting = false;
  /** How many times another writer's changes were read into the doc. */
  private foreignReads = 0;
  /** Where doc updates are recorded while they happen. */
  private captureInto: Batch | null = null;
  /** Set while a client update is applied: its broadcast is handled by `receive`. */
  private receiving: {
    peer: CollabPeer;
    updates: Array<{ update: Uint8Array; origin: unknown }>;
  } | null = null;
  /** Bytes of the document's encoded state, estimated from what was applied since it was measured. */
  private sizeEstimate: number;
  private lastRejectionRecord = new Map<CollabPeer, number>();
  private suppressedRejections = new Map<CollabPeer, number>();
  closed = false;

  private constructor(
    readonly modelId: string,
    private readonly deps: CollabSessionDeps,
    state: ModelState,
    docVersion: number,
    private readonly onEmpty: (session: CollabSession) => void,
  ) {
    this.persisted = state;
    this.running = state;
    this.docVersion = docVersion;
    this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    this.awareness.setLocalState({ threatloom: { persisted: null } });
    this.doc.on('update', (update: Uint8Array, origin: unknown) =>
      this.onDocUpdate(update, origin),
    );
    this.awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const clients = [...changes.added, ...changes.updated, ...changes.removed];
        const message = awarenessMessage(this.awareness, clients);
        for (const peer of this.peers) if (peer !== origin || origin === null) peer.send(message);
      },
    );
  }

  /**
   * Loads a model's doc: its stored updates, then the domain state written in
   * (what GraphQL changed since the doc was last open), persisted as the
   * server's update. NotFound when the model does not exist.
   */
  static async open(
    modelId: string,
    deps: CollabSessionDeps,
    onEmpty: (session: CollabSession) => void,
  ): Promise<CollabSession> {
    const entry = await deps.states.current(deps.serverScope, modelId);
    const stored = await deps.database.transaction(deps.serverScope, (trx) =>
      readDoc(deps.database.eventStore, modelId, trx),
    );
    const session = new CollabSession(modelId, deps, entry.state, stored.version, onEmpty);
    session.lastDocHash = stored.lastHash;
    session.sinceSnapshot = stored.readFromStream;
    session.load(stored.updates);
    await session.persistNow();
    return session;
  }

  private load(updates: readonly Uint8Array[]): void {
    const merged = updates.length === 0 ? null : Y.mergeUpdates([...updates]);
    if (merged !== null) Y.applyUpdate(this.doc, merged, 'load');
    this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    const batch = this.serverWindow();
    this.captureInto = batch;
    try {
      writeModelToDoc(this.doc, collabModelOf(this.running), SERVER_ORIGIN);
    } finally {
      this.captureInto = null;
    }
    this.sealWindow();
  }

  /** The number of open connections. */
  get size(): number {
    return this.peers.size;
  }

  /** Adds a connection: it gets the server's state vector and everyone's presence. */
  join(peer: CollabPeer): void {
    this.peers.add(peer);
    this.peerClients.set(peer, new Set());
    peer.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(awarenessMessage(this.awareness, states));
  }

  /** Removes a connection and its presence; the last one out persists and unloads the doc. */
  leave(peer: CollabPeer): void {
    if (!this.peers.delete(peer)) return;
    const clients = [...(this.peerClients.get(peer) ?? [])];
    this.peerClients.delete(peer);
    this.lastRejectionRecord.delete(peer);
    this.suppressedRejections.delete(peer);
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
    this.unloadIfUnused();
  }

  /** With no connection left: stores what is pending, snapshots the doc and frees it. */
  unloadIfUnused(): void {
    if (this.peers.size > 0 || this.closed) return;
    this.sealWindow();
    void this.persistNow();
    void this.enqueue(async () => {
      if (this.peers.size > 0) return;
      // Unloading: the next open starts from this state.
      await this.snapshotWhenDue(1);
      if (this.peers.size === 0 && !this.closed) this.onEmpty(this);
    });
  }

  /**
   * Moves an element on the diagram (or removes its position) for an author
   * outside the doc (a GraphQL mutation), and stores it like their edit: a
   * doc update only, never a domain event. NotFound when the model has no
   * such element once what is stored was brought in.
   */
  async writeElementLayout(
    author: CollabPeer,
    elementId: string,
    layout: ElementLayout | null,
  ): Promise<boolean> {
    await this.catchUp();
    if (this.running.elements[elementId] === undefined) return false;
    const batch = this.windowFor(author);
    this.captureInto = batch;
    try {
      this.doc.transact(() => {
        const map = this.doc.getMap<unknown>(ELEMENT_LAYOUT_ROOT);
        if (layout === null) map.delete(elementId);
        else map.set(elementId, { ...layout });
      }, SERVER_ORIGIN);
    } finally {
      this.captureInto = null;
    }
    await this.flush();
    return true;
  }

  /** Handles one decoded message of `peer`. Throws MalformedMessage or DocumentTooLarge. */
  receive(peer: CollabPeer, message: ClientMessage): void {
    switch (message.kind) {
      case 'syncStep1':
        peer.send(syncStep2Message(this.doc, message.stateVector));
        return;
      case 'update':
        this.receiveUpdate(peer, message.update);
        return;
      case 'awareness': {
        const owned = this.peerClients.get(peer) ?? new Set<number>();
        const rewritten = rewriteAwarenessUpdate(message.update, peer.identity, (clientId) => {
          if (owned.has(clientId)) return true;
          if (clientId === this.doc.clientID || owned.size >= MAX_CLIENT_IDS_PER_CONNECTION)
            return false;
          // Another connection's client id is not this one's to speak for.
          for (const [other, ids] of this.peerClients)
            if (other !== peer && ids.has(clientId)) return false;
          owned.add(clientId);
          return true;
        });
        if (rewritten !== null)
          awarenessProtocol.applyAwarenessUpdate(this.awareness, rewritten, peer);
        return;
      }
      case 'queryAwareness':
        peer.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
      case 'auth':
        return;
    }
  }

  /** Applies a client's update; the service had it decoded within its budget first (UpdateCheck). */
  private receiveUpdate(peer: CollabPeer, update: Uint8Array): void {
    if (this.sizeEstimate + update.byteLength > collabLimits.documentBytes) {
      this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.sizeEstimate + update.byteLength > collabLimits.documentBytes) {
        throw new DocumentTooLarge();
      }
    }
    const batch = this.windowFor(peer);
    const before = Y.encodeStateVector(this.doc);
    const context: CommandContext = { ...peer.context, now: new Date().toISOString() };
    this.captureInto = batch;
    this.receiving = { peer, updates: [] };
    let outcome;
    try {
      outcome = peer.mayEdit
        ? applyClientUpdate(this.doc, this.running, update, context, peer)
        : applyReadOnlyUpdate(this.doc, this.running, update, context, peer);
    } finally {
      this.captureInto = null;
    }
    const applied = this.receiving.updates;
    this.receiving = null;
    this.sizeEstimate += applied.reduce((total, { update: bytes }) => total + bytes.byteLength, 0);
    this.running = outcome.state;
    if (peer.mayEdit) batch.touched = mergeScopes(batch.touched, outcome.touched);
    const rejected = !peer.mayEdit || outcome.refused.length > 0 || outcome.rejections.length > 0;
    const serverUpdates = applied.filter(({ origin }) => origin !== peer).map(({ update: u }) => u);
    if (rejected) {
      // Others get the net effect: the author's structs emptied by the server's undo, so
      // nothing refused reaches them.
      const net = Y.encodeStateAsUpdate(this.doc, before);
      this.broadcast(updateMessage(net), peer);
      for (const serverUpdate of serverUpdates) peer.send(updateMessage(serverUpdate));
      if (outcome.refused.length > 0 || outcome.rejections.length > 0 || applied.length > 1) {
        this.reject(peer, batch, outcome.refused, outcome.rejections);
      }
    } else {
      for (const { update: bytes, origin } of applied) {
        this.broadcast(updateMessage(bytes), origin === peer ? peer : null);
      }
    }
    this.scheduleWindow();
  }

  /** Tells the author why, and records it (at most once a second per connection). */
  private reject(
    peer: CollabPeer,
    batch: Batch,
    refused: readonly RefusedCommand[],
    rejections: readonly Rejection[],
  ): void {
    const reasons = [
      ...refused.map(({ command, error }) => `${command.type}: ${error.message}`),
      ...rejections.map(({ path, reason }) => `${path}: ${reason}`),
    ];
    if (!peer.mayEdit && reasons.length === 0) {
      reasons.push(
        `role(s) ${peer.context.actor.roles.join(', ') || 'none'} may read this model but not change it`,
      );
    }
    peer.send(permissionDeniedMessage(reasons.join('\n').slice(0, 2000)));
    const now = Date.now();
    const last = this.lastRejectionRecord.get(peer) ?? 0;
    if (now - last < collabLimits.rejectionRecordIntervalMs) {
      this.suppressedRejections.set(peer, (this.suppressedRejections.get(peer) ?? 0) + 1);
      return;
    }
    this.lastRejectionRecord.set(peer, now);
    const suppressed = this.suppressedRejections.get(peer) ?? 0;
    this.suppressedRejections.set(peer, 0);
    batch.rejected.push({
      connectionId: peer.id,
      refused: refused.slice(0, 20).map(({ command, error }) => ({
        type: command.type,
        code: error.code,
        field: 'field' in error && typeof error.field === 'string' ? error.field : null,
        message: error.message,
      })),
      rejections: rejections.slice(0, 20).map(({ path, reason }) => ({ path, reason })),
      readOnly: !peer.mayEdit,
      suppressedBefore: suppressed,
    });
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.captureInto?.updates.push(update);
    if (this.receiving !== null) {
      this.receiving.updates.push({ update, origin });
    } else if (origin !== 'load') {
      // The server's own writes (mirrors of GraphQL changes, rebases) go to everyone.
      this.broadcast(updateMessage(update), null);
    }
  }

  private broadcast(message: Uint8Array, except: CollabPeer | null): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  /** The batch of `peer`'s actor in the open window. */
  private windowFor(peer: CollabPeer): Batch {
    return this.batchOf(actorKeyOf(peer), peer);
  }

  /** The batch of the server's own writes in the open window. */
  private serverWindow(): Batch {
    return this.batchOf('server', null);
  }

  private batchOf(actorKey: string, peer: CollabPeer | null): Batch {
    // One actor per batch, closed when another writes: each batch is stored as the model
    // it closed with, so what the next actor adds is never attributed to this one.
    if (this.window !== null && this.window.actorKey !== actorKey) this.sealWindow();
    let batch = this.window;
    if (batch === null) {
      batch = {
        actorKey,
        peer,
        touched: {},
        target: null,
        foreignAtSeal: 0,
        updates: [],
        rejected: [],
        stateVector: null,
      };
      this.window = batch;
    }
    return batch;
  }

  private scheduleWindow(): void {
    if (this.windowTimer !== null || this.window === null) return;
    this.windowTimer = setTimeout(() => {
      this.windowTimer = null;
      this.sealWindow();
    }, collabLimits.persistWindowMs);
  }

  /** Closes the open batch and queues it, with the doc's model now: what it is stored as. */
  private sealWindow(): void {
    if (this.windowTimer !== null) clearTimeout(this.windowTimer);
    this.windowTimer = null;
    const batch = this.window;
    this.window = null;
    if (batch === null) return;
    if (batch.updates.length === 0 && batch.rejected.length === 0) return;
    batch.stateVector = Y.encodeStateVector(this.doc);
    if (batch.peer !== null && Object.keys(batch.touched).length > 0) {
      batch.target = modelFromDoc(this.doc, batch.touched);
      batch.foreignAtSeal = this.foreignReads;
    }
    this.queue.push(batch);
    this.schedulePersist();
  }

  /** Stores the closed batches once `persistIntervalMs` passed since the last store began. */
  private schedulePersist(): void {
    if (this.persistTimer !== null || this.closed) return;
    const delay = Math.max(0, this.lastPersistAt + collabLimits.persistIntervalMs - Date.now());
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      void this.enqueue(() => this.persistNext());
    }, delay);
  }

  /** Stores every closed batch now, without waiting for the interval. */
  private persistNow(): Promise<void> {
    if (this.persistTimer !== null) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    return this.enqueue(() => this.persistNext());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : task()));
    this.chain = run.catch((error: unknown) => this.fail(error));
    return run;
  }

  /** Persists everything gathered so far; resolves once it is stored. */
  async flush(): Promise<void> {
    this.sealWindow();
    // A failure to store closes the session (`fail`); the caller goes on with what is stored.
    await this.persistNow().catch(() => undefined);
    await this.chain;
  }

  /** Brings in what others stored (GraphQL, another process) and shows it in the doc. */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.readForeignEvents());
  }

  /**
   * Told that an event of this model's stream (or doc stream) was stored:
   * catches up when this session does not hold it yet (another writer stored
   * it). The session's own appends are skipped, and one catch-up waiting to
   * run reads whatever else arrives before it runs.
   */
  noticeStored(stream: 'model' | 'doc', streamVersion: number): void {
    const known = stream === 'model' ? this.persisted.streamVersion : this.docVersion;
    if (streamVersion <= known || this.catchUpWaiting || this.closed) return;
    this.catchUpWaiting = true;
    void this.enqueue(() => {
      this.catchUpWaiting = false;
      return this.readForeignEvents();
    }).catch(() => undefined);
  }

  /**
   * Reads what other writers stored since this session last looked: model
   * events (GraphQL, another process) and doc updates of another process.
   * A doc update is applied only once the model events of its transaction
   * are read (its `modelStreamVersion` is at most the model version read), so
   * the doc never shows another process's edit the state does not hold yet.
   */
  private async readForeignEvents(): Promise<void> {
    const { events, docs } = await this.deps.database.transaction(
      this.deps.serverScope,
      async (trx) => ({
        events: await this.deps.database.eventStore.readStream(modelStreamId(this.modelId), {
          fromVersion: this.persisted.streamVersion + 1,
          transaction: trx,
        }),
        docs: await this.deps.database.eventStore.readStream(docStreamId(this.modelId), {
          fromVersion: this.docVersion + 1,
          transaction: trx,
        }),
      }),
    );
    if (events.length > 0) this.persisted = replay(events.map(upcast), this.persisted);
    if (events.length > 0 || docs.length > 0) this.foreignReads += 1;
    const modelVersion = this.persisted.streamVersion;
    for (const event of docs) {
      if (event.type === DOC_UPDATED) {
        const data = event.data as DocUpdatedData;
        if (data.modelStreamVersion > modelVersion) break;
        const update = new Uint8Array(Buffer.from(data.update, 'base64'));
        this.sizeEstimate += update.byteLength;
        // Stored already, by its writer: broadcast, not captured into a batch.
        Y.applyUpdate(this.doc, update, FOREIGN_ORIGIN);
      }
      this.docVersion = event.streamVersion;
      this.lastDocHash = event.hash;
    }
    if (events.length > 0) this.rebase();
  }

  /**
   * Decides again, on the stored state, what every batch not yet stored
   * changed, reading its touched entities from the doc (where concurrent
   * edits are already merged), and writes the difference into the doc: after
   * other writers' events arrived, or after a batch was stored.
   */
  private rebase(): void {
    const before = this.running;
    let state = this.persisted;
    // The batch being stored is pending until its transaction commits (deciding it again after
    // that finds nothing left to do).
    const pending = [...(this.persisting ?? []), ...this.queue, this.window].filter(
      (batch): batch is Batch => batch !== null && batch.peer !== null,
    );
    for (const batch of pending) {
      state = decideDocChange(
        state,
        this.targetOf(batch),
        this.contextOf(batch),
        batch.touched,
      ).state;
    }
    this.running = state;
    this.captureInto = this.serverWindow();
    try {
      mirrorState(this.doc, before, state);
    } finally {
      this.captureInto = null;
    }
    this.scheduleWindow();
  }

  /**
   * What `batch` is stored as: the doc's model when it closed, so a later
   * actor's edits are not attributed to it; the doc's model now when it is
   * still open, or when another writer's changes were read since it closed
   * (they are merged in the doc, and deciding the older model would undo them).
   */
  private targetOf(batch: Batch): CollabModel {
    return batch.target === null || batch.foreignAtSeal !== this.foreignReads
      ? modelFromDoc(this.doc, batch.touched)
      : batch.target;
  }

  /** The author's context for deciding `batch` now. */
  private contextOf(batch: Batch): CommandContext {
    const context = batch.peer?.context ?? this.serverContext();
    return { ...context, now: new Date().toISOString() };
  }

  private serverContext(): CommandContext {
    return {
      actor: {
        userId: SERVER_CONTEXT_ACTOR,
        organisationId: this.persisted.organisationId ?? '',
        roles: [],
      },
      now: new Date().toISOString(),
    };
  }

  /**
   * Stores every closed batch in one transaction: while one transaction
   * runs, the batches of many editors gather, and the next stores them all.
   */
  private async persistNext(): Promise<void> {
    const batches = this.takeBatches();
    if (batches.length === 0) return;
    this.lastPersistAt = Date.now();
    this.persisting = batches;
    try {
      // Optimistic: what other writers stored arrives through `noticeStored`, and both appends
      // name the stream versions this session holds, so one it missed fails the transaction.
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 0) {
          await this.readForeignEvents();
          batches.push(...this.takeBatches());
        }
        const stored = await this.store(batches).catch((error: unknown) => {
          // Another writer got there first: read what it stored, decide again, retry.
          if (error instanceof WrongExpectedVersion && attempt < 5) return null;
          throw error;
        });
        if (stored !== null) break;
      }
    } finally {
      this.persisting = null;
    }
    const stateVector = batches.at(-1)?.stateVector;
    if (stateVector) {
      this.awareness.setLocalState({
        threatloom: { persisted: base64(stateVector), at: new Date().toISOString() },
      });
    }
    await this.snapshotWhenDue();
  }

  /**
   * The closed batches to store now. A batch decided after another writer's
   * changes were read is stored as the doc's model now (`targetOf`), so
   * everything the doc holds must go into the same transaction, or the doc as
   * stored would lack what its model events say: then the open window closes
   * and goes along. So does an open window of the server's own writes (what a
   * catch-up mirrored), which no one's typing extends.
   */
  private takeBatches(): Batch[] {
    const window = this.window;
    if (
      window !== null &&
      (window.peer === null || this.queue.some((batch) => this.isStale(batch)))
    ) {
      this.sealWindow();
    }
    return this.queue.splice(0);
  }

  /** Another writer's changes were read since `batch` closed: it is decided on the doc as it is now. */
  private isStale(batch: Batch): boolean {
    return (
      batch.peer !== null &&
      Object.keys(batch.touched).length > 0 &&
      (batch.target === null || batch.foreignAtSeal !== this.foreignReads)
    );
  }

  /**
   * Stores the doc's full state as its snapshot once enough updates were
   * stored since the last one, when nothing unsaved is in the doc (so the
   * state is exactly the stream's up to its version). A snapshot only saves
   * work: failing to write one is logged.
   */
  private async snapshotWhenDue(every = DOC_SNAPSHOT_EVERY): Promise<void> {
    const idle = this.window === null && this.queue.length === 0;
    if (!idle || this.lastDocHash === null || this.sinceSnapshot < every) return;
    const version = this.docVersion;
    const hash = this.lastDocHash;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.deps.database.transaction(this.deps.serverScope, (trx) =>
        writeDocSnapshot(trx, this.modelId, version, hash, state),
      );
      this.sinceSnapshot = 0;
    } catch (error) {
      this.logger.warn(
        `snapshot of the doc of model ${this.modelId} not written: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Stores closed batches: for each, in the order they closed, the commands that turn the stored state into the model the
   * batch closed with (for the entities it touched; runs of keystrokes become
   * one event per entity), decided again on the state the batches before it
   * left, and its doc updates, each attributed to its actor.
   */
  private async store(batches: readonly Batch[]): Promise<true> {
    let state = this.persisted;
    let refused = 0;
    const modelEvents: NewEvent[] = [];
    const docEvents: NewEvent[] = [];
    for (const batch of batches) {
      const decision =
        batch.peer === null || Object.keys(batch.touched).length === 0
          ? null
          : decideDocChange(state, this.targetOf(batch), this.contextOf(batch), batch.touched);
      refused += decision?.refused.length ?? 0;
      state = decision?.state ?? state;
      const metadata = {
        actor: batch.peer?.context.actor.userId ?? SERVER_CONTEXT_ACTOR,
        // The server's own writes are the owner's record of the model.
        organisation:
          batch.peer?.context.actor.organisationId || this.persisted.organisationId || 'system',
        roles: [...(batch.peer?.context.actor.roles ?? [])],
        correlationId: batch.peer?.id ?? 'collab',
        client: 'collab',
      };
      for (const event of decision?.events ?? []) {
        modelEvents.push({
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata,
        });
      }
      docEvents.push({
        type: DOC_UPDATED,
        data: {
          update: base64(
            Y.mergeUpdates(batch.updates.length > 0 ? batch.updates : [new Uint8Array([0, 0])]),
          ),
          modelStreamVersion: state.streamVersion,
        } satisfies DocUpdatedData,
        metadata,
      });
      for (const rejected of batch.rejected) {
        docEvents.push({ type: CHANGE_REJECTED, data: rejected, metadata });
      }
    }
    const appended = await this.deps.database.transaction(this.deps.serverScope, async (trx) => {
      if (modelEvents.length > 0) {
        await this.deps.database.eventStore.append(modelStreamId(this.modelId), modelEvents, {
          expectedVersion: this.persisted.streamVersion,
          transaction: trx,
        });
      }
      return this.deps.database.eventStore.append(docStreamId(this.modelId), docEvents, {
        expectedVersion: this.docVersion < 0 ? 'no_stream' : this.docVersion,
        transaction: trx,
      });
    });
    this.persisted = state;
    this.docVersion = appended.at(-1)?.streamVersion ?? this.docVersion;
    this.lastDocHash = appended.at(-1)?.hash ?? this.lastDocHash;
    this.sinceSnapshot += 1;
    // The doc already shows what was stored, unless the domain refused part of it now (the
    // state moved under it): only then decide the pending batches again and correct the doc.
    if (refused > 0) this.rebase();
    return true;
  }

  /** A failure to store: everyone reconnects and re-sends what was not stored. */
  private fail(error: unknown): void {
    if (this.closed) return;
    this.logger.error(
      `co-editing session of model ${this.modelId} stopped: ${error instanceof Error ? error.message : String(error)}`,
    );
    this.close(CollabCloseCode.restart, 'The document is being reloaded; reconnect');
  }

  /** Closes every connection and frees the doc. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.windowTimer !== null) clearTimeout(this.windowTimer);
    if (this.persistTimer !== null) clearTimeout(this.persistTimer);
    for (const peer of [...this.peers]) peer.close(code, reason);
    this.peers.clear();
    this.awareness.destroy();
    this.doc.destroy();
    this.onEmpty(this);
  }
}

/** The document would grow past `collabLimits.documentBytes`. */
export class DocumentTooLarge extends Error {
  constructor() {
    super(`the document would exceed ${collabLimits.documentBytes} bytes`);
  }
}
