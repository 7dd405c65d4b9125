import {
  decide,
  editingRoles,
  evolve,
  initialState,
  replay,
  type CommandContext,
  type DomainEvent,
  type ModelState,
  type Role,
} from '@threatloom/domain';
import * as Y from 'yjs';
import {
  applyClientUpdate,
  applyReadOnlyUpdate,
  collabModelOf,
  modelFromDoc,
  writeModelToDoc,
  SERVER_ORIGIN,
  type AppliedUpdate,
} from '../../src/index.js';

/** A command context for an actor of `organisationId` holding `roles`. */
export function contextOf(
  userId: string,
  organisationId: string,
  roles: readonly Role[] = ['editor'],
): CommandContext {
  return {
    actor: { userId, organisationId, roles, email: `${userId}@example.test` },
    now: '2026-12-07T12:00:00.000Z',
  };
}

export const owner = contextOf('owner', 'org-agency', ['admin']);

/**
 * The server's side of co-editing without the network: an authoritative doc,
 * the domain state, and what it persists (every doc update and every domain
 * event, in order), as the API does it.
 */
export class Authority {
  readonly doc = new Y.Doc();
  state: ModelState = initialState();
  readonly events: DomainEvent[] = [];
  /** The persisted doc updates, in order. */
  readonly updates: Uint8Array[] = [];
  /** After how many events each persisted point ends (one per accepted client update). */
  readonly points: Array<{ updates: number; events: number }> = [];

  constructor(modelId = 'model-1') {
    this.doc.on('update', (update: Uint8Array) => this.updates.push(update));
    this.command(
      { type: 'CreateThreatModel', modelId, systemId: 'system-1', name: 'Research platform' },
      owner,
    );
  }

  /** A command decided outside the doc (a GraphQL mutation), mirrored into it. */
  command(command: unknown, context: CommandContext): void {
    const outcome = decide(command, this.state, context);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    for (const event of outcome.events) {
      this.events.push(event);
      this.state = evolve(this.state, event);
    }
    writeModelToDoc(this.doc, collabModelOf(this.state), SERVER_ORIGIN);
    this.mark();
  }

  /** A client's update: decided, compensated, persisted. */
  receive(
    update: Uint8Array,
    context: CommandContext,
    origin: unknown = context.actor.userId,
  ): AppliedUpdate {
    const mayEdit = context.actor.roles.some((role) => editingRoles.includes(role));
    const applied = mayEdit
      ? applyClientUpdate(this.doc, this.state, update, context, origin)
      : applyReadOnlyUpdate(this.doc, this.state, update, context, origin);
    this.events.push(...applied.events);
    this.state = applied.state;
    this.mark();
    return applied;
  }

  private mark(): void {
    this.points.push({ updates: this.updates.length, events: this.events.length });
  }

  /** A doc rebuilt from the first `count` persisted updates. */
  docAt(count: number): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.updates.slice(0, count)) Y.applyUpdate(doc, update);
    return doc;
  }

  /** Asserts the invariant at every persisted point: doc as of it == replay of events up to it. */
  checkEveryPoint(expectSame: (left: unknown, right: unknown, where: string) => void): void {
    for (const [index, point] of this.points.entries()) {
      const doc = this.docAt(point.updates);
      expectSame(
        modelFromDoc(doc),
        collabModelOf(replay(this.events.slice(0, point.events))),
        `persisted point ${index}`,
      );
    }
  }
}

/** A client doc synced from the authority, whose local updates are queued until sent. */
export class Client {
  readonly doc = new Y.Doc();
  readonly outbox: Uint8Array[] = [];
  online = true;

  constructor(
    readonly context: CommandContext,
    authority: Authority,
  ) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(authority.doc), 'remote');
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
  }

  /** Sends what is queued, one update at a time, then takes what the server holds. */
  sync(authority: Authority): AppliedUpdate[] {
    if (!this.online) return [];
    const outcomes = this.outbox.splice(0).map((update) => authority.receive(update, this.context));
    this.receive(authority);
    return outcomes;
  }

  /** Takes what the server holds and this client lacks (a broadcast or sync step 2). */
  receive(authority: Authority): void {
    if (!this.online) return;
    const missing = Y.encodeStateAsUpdate(authority.doc, Y.encodeStateVector(this.doc));
    Y.applyUpdate(this.doc, missing, 'remote');
  }
}
