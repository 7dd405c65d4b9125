import { collabModelOf, ModelDoc, modelFromDoc, sameJson } from '@threatloom/collab';
import { replay, upcast, type CommandContext, type Role } from '@threatloom/domain';
import type { StoredEvent } from '@threatloom/eventstore';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RequestScope } from '../../src/access/request-scope.js';
import { CollabSession, type CollabPeer } from '../../src/collab/collab-session.js';
import { DOC_UPDATED, docStreamId, type DocUpdatedData } from '../../src/collab/collab-streams.js';
import type { AppConfig } from '../../src/config/config.schema.js';
import { APP_CONFIG } from '../../src/config/config.tokens.js';
import { modelStreamId } from '../../src/model/model-stream.js';
import { ModelStateCache } from '../../src/model-state/model-state-cache.js';
import { ModelStateStore } from '../../src/model-state/model-state.store.js';
import { startApiServer, type ApiServer } from '../support/api-server.js';
import { createModelOwner, type ModelOwner } from '../support/model-owner.js';

/**
 * The scheme that keeps two processes' docs of one model in agreement
 * (docs/collaboration.md, "Two processes on one PostgreSQL"), under random
 * interleavings: two real CollabSessions on one database, each with its own
 * state cache as two processes have, and clients on each that edit the same
 * entities at once, go offline, and send, receive, store and catch up in any
 * order. At every committed transaction the doc as stored equals the replay
 * of the model events it belongs with, and at the end both docs, every client
 * and the stream hold one model.
 */

type Op =
  | { kind: 'addElement'; pick: number }
  | { kind: 'rename'; pick: number; text: string }
  | { kind: 'type'; pick: number; at: number; text: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'addFlow'; pick: number; other: number }
  | { kind: 'move'; pick: number; other: number }
  | { kind: 'layout'; pick: number; x: number };

type Step =
  | { do: 'edit'; client: number; op: Op }
  | { do: 'send' | 'deliver' | 'toggle'; client: number }
  | { do: 'flush' | 'catchUp'; authority: number };

const CLIENTS = 4;
const pick = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('addElement' as const), pick }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      pick,
      text: fc.constantFrom('API', 'Store', 'Portal', ''),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      pick,
      at: pick,
      text: fc.constantFrom('token ', 'PII ', 'ü'),
    }),
  },
  fc.record({ kind: fc.constant('remove' as const), pick }),
  fc.record({ kind: fc.constant('addFlow' as const), pick, other: pick }),
  fc.record({ kind: fc.constant('move' as const), pick, other: pick }),
  fc.record({ kind: fc.constant('layout' as const), pick, x: fc.integer({ min: 0, max: 900 }) }),
);
const client = fc.nat({ max: CLIENTS - 1 });
const authority = fc.nat({ max: 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ do: fc.constant('edit' as const), client, op }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('send' as const), client }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('deliver' as const), client }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('toggle' as const), client }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('flush' as const), authority }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('catchUp' as const), authority }) },
);

function at<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

let counter = 0;

function edit(doc: ModelDoc, op: Op): void {
  const elements = doc.ids('elements');
  const zones = doc.ids('zones');
  switch (op.kind) {
    case 'addElement': {
      const zoneId = at(zones, op.pick);
      if (zoneId === undefined) return;
      counter += 1;
      doc.add('elements', `element-${counter}`, {
        kind: 'process',
        name: 'Element',
        description: '',
        technology: '',
        zoneId,
        c4Level: 'container',
        tags: [],
      });
      return;
    }
    case 'rename': {
      const id = at(elements, op.pick);
      if (id !== undefined) doc.update('elements', id, { name: op.text });
      return;
    }
    case 'type': {
      const id = at(elements, op.pick);
      const text = id === undefined ? null : doc.text('elements', id, 'description');
      if (text !== null) text.insert(op.at % (text.length + 1), op.text);
      return;
    }
    case 'remove': {
      const id = at(elements, op.pick);
      if (id === undefined) return;
      doc.transact(() => {
        for (const flowId of doc.ids('flows')) {
          const flow = doc.get('flows', flowId);
          if (flow?.sourceId === id || flow?.destinationId === id) doc.remove('flows', flowId);
        }
        doc.remove('elements', id);
      });
      return;
    }
    case 'addFlow': {
      const source = at(elements, op.pick);
      const destination = at(elements, op.other);
      if (source === undefined || destination === undefined) return;
      counter += 1;
      doc.add('flows', `flow-${counter}`, {
        name: 'Flow',
        sourceId: source,
        destinationId: destination,
        bidirectional: false,
        data: '',
        protocol: 'https',
      });
      return;
    }
    case 'move': {
      const id = at(elements, op.pick);
      const zoneId = at(zones, op.other);
      if (id !== undefined && zoneId !== undefined) doc.update('elements', id, { zoneId });
      return;
    }
    case 'layout': {
      const id = at(elements, op.pick);
      if (id !== undefined) doc.setElementLayout(id, { x: op.x, y: 40 });
      return;
    }
  }
}

/** One connection as the session sees it: what the session sends is queued for the client. */
class Peer implements CollabPeer {
  readonly inbox: Uint8Array[] = [];
  closed: string | null = null;

  constructor(
    readonly id: string,
    readonly scope: RequestScope,
    readonly context: CommandContext,
    readonly mayEdit: boolean,
  ) {}

  get identity() {
    return {
      userId: this.context.actor.userId,
      name: '',
      organisationId: null,
      organisationName: null,
    };
  }

  send(message: Uint8Array): void {
    this.inbox.push(message);
  }

  close(code: number, reason: string): void {
    this.closed = `${code} ${reason}`;
  }
}

/** A client of one session: its own doc, its updates queued until sent. */
class Client {
  readonly doc = new Y.Doc();
  readonly outbox: Uint8Array[] = [];
  online = true;
  private peer: Peer | null = null;
  private connections = 0;

  constructor(
    readonly name: string,
    readonly session: CollabSession,
    readonly scope: RequestScope,
    readonly context: CommandContext,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
  }

  get mayEdit(): boolean {
    return this.context.actor.roles.some((role) => role === 'editor' || role === 'admin');
  }

  /** Connects as a stock provider does: both sync steps, then the updates it holds. */
  connect(): void {
    this.connections += 1;
    this.peer = new Peer(
      `${this.name}-${this.connections}`,
      this.scope,
      this.context,
      this.mayEdit,
    );
    this.session.join(this.peer);
    this.session.receive(this.peer, {
      kind: 'syncStep1',
      stateVector: Y.encodeStateVector(this.doc),
    });
    this.deliver();
    // Sync step 2 carried everything this client holds: nothing queued is left to send.
    this.outbox.splice(0);
  }

  disconnect(): void {
    if (this.peer !== null) this.session.leave(this.peer);
    this.peer = null;
  }

  send(): void {
    if (!this.online || this.peer === null) return;
    for (const update of this.outbox.splice(0)) {
      this.session.receive(this.peer, { kind: 'update', update });
    }
  }

  deliver(): void {
    if (!this.online || this.peer === null) return;
    for (const message of this.peer.inbox.splice(0)) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== 0) continue; // presence and auth messages
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, 0);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, 'remote');
      if (encoding.length(reply) > 1) {
        // The answer to the server's sync step 1: this client's step 2.
        const answer = decoding.createDecoder(encoding.toUint8Array(reply));
        decoding.readVarUint(answer);
        decoding.readVarUint(answer);
        const update = decoding.readVarUint8Array(answer);
        this.session.receive(this.peer, { kind: 'update', update });
      }
    }
  }

  closedWith(): string | null {
    return this.peer?.closed ?? null;
  }
}

function contextOf(userId: string, organisationId: string, roles: Role[]): CommandContext {
  return {
    actor: { userId, organisationId, roles, email: `${userId}@example.test` },
    now: new Date().toISOString(),
  };
}

function sameModel(left: unknown, right: unknown, where: string): void {
  if (!sameJson(left, right)) expect({ where, model: left }).toEqual({ where, model: right });
}

describe('two authorities of one model (two processes on one database)', () => {
  let server: ApiServer;
  let owner: ModelOwner;
  const seen = { transactions: 0, elements: 0 };

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' });
    owner = await createModelOwner(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  async function run(steps: Step[]): Promise<void> {
    const modelId = await owner.createThreatModel('Served twice');
    const scope: RequestScope = {
      requestId: 'property',
      userId: randomUUID(),
      organisationIds: [owner.organisationId],
      actingOrganisationId: owner.organisationId,
      roles: ['admin'],
      requireAccess: async () => undefined,
      prepareAccess: () => ({ statements: [], complete: async () => undefined }),
    };
    const config = server.app.get<AppConfig>(APP_CONFIG);
    const open = () =>
      CollabSession.open(
        modelId,
        {
          database: server.database,
          // Each process has its own cache of model states.
          states: new ModelStateStore(server.database, new ModelStateCache(), config),
          serverScope: scope,
        },
        () => undefined,
      );
    const authorities = [await open(), await open()];
    const organisation = owner.organisationId;
    const contexts = [
      contextOf('alice', organisation, ['editor']),
      contextOf('bob', organisation, ['editor']),
      contextOf('carol', organisation, ['editor']),
      contextOf('rita', organisation, ['viewer']),
    ];
    // Clients 0 and 2 on the first process, 1 and 3 on the second.
    const clients = contexts.map(
      (context, index) => new Client(context.actor.userId, authorities[index % 2]!, scope, context),
    );
    try {
      for (const each of clients) each.connect();
      // Something to edit: a zone and an element, written through the first process.
      const first = new ModelDoc(clients[0]!.doc);
      first.add('zones', 'z0', {
        name: 'Enclave',
        trust: 'restricted',
        parentZoneId: null,
        description: '',
      });
      first.add('zones', 'z1', {
        name: 'DMZ',
        trust: 'untrusted',
        parentZoneId: null,
        description: '',
      });
      first.add('elements', 'e0', {
        kind: 'process',
        name: 'Portal',
        description: '',
        technology: '',
        zoneId: 'z0',
        c4Level: 'container',
        tags: [],
      });
      clients[0]!.send();
      await authorities[0]!.flush();
      await authorities[1]!.catchUp();
      for (const each of clients) each.deliver();

      for (const current of steps) {
        switch (current.do) {
          case 'edit':
            edit(new ModelDoc(clients[current.client]!.doc), current.op);
            break;
          case 'send':
            clients[current.client]!.send();
            break;
          case 'deliver':
            clients[current.client]!.deliver();
            break;
          case 'toggle': {
            const each = clients[current.client]!;
            if (each.online) {
              each.disconnect();
              each.online = false;
            } else {
              each.online = true;
              each.connect();
            }
            break;
          }
          case 'flush':
            await authorities[current.authority]!.flush();
            break;
          case 'catchUp':
            await authorities[current.authority]!.catchUp();
            break;
        }
      }
      // Everyone comes back, sends what is left, both store and catch up, everyone receives.
      for (const each of clients) {
        if (!each.online) {
          each.online = true;
          each.connect();
        }
      }
      for (let round = 0; round < 3; round += 1) {
        for (const each of clients) each.send();
        for (const each of authorities) await each.flush();
        for (const each of authorities) await each.catchUp();
        for (const each of clients) each.deliver();
      }
      for (const [index, each] of clients.entries()) {
        expect(each.closedWith(), `client ${index} was closed`).toBeNull();
      }

      const { modelEvents, docEvents } = await server.database.systemTransaction(async (trx) => ({
        modelEvents: await server.database.eventStore.readStream(modelStreamId(modelId), {
          transaction: trx,
        }),
        docEvents: await server.database.eventStore.readStream(docStreamId(modelId), {
          transaction: trx,
        }),
      }));
      const expected = collabModelOf(replay(modelEvents.map(upcast)));
      seen.elements += Object.keys(expected.elements).length;
      for (const [index, each] of authorities.entries()) {
        sameModel(modelFromDoc(each.doc), expected, `process ${index}`);
      }
      for (const [index, each] of clients.entries()) {
        expect(each.doc.store.pendingStructs, `client ${index} holds pending structs`).toBeNull();
        sameModel(modelFromDoc(each.doc), expected, `client ${index}`);
      }
      checkEveryTransaction(modelEvents, docEvents);
    } finally {
      for (const each of authorities) each.close(1012, 'done');
    }
  }

  /** At the end of each committed transaction: the doc as stored == replay of its model events. */
  function checkEveryTransaction(
    modelEvents: readonly StoredEvent[],
    docEvents: readonly StoredEvent[],
  ): void {
    const doc = new Y.Doc();
    let transaction: string | null = null;
    let modelVersion = -1;
    const check = () => {
      if (transaction === null) return;
      seen.transactions += 1;
      sameModel(
        modelFromDoc(doc),
        collabModelOf(replay(modelEvents.slice(0, modelVersion + 1).map(upcast))),
        `after transaction ${transaction}`,
      );
    };
    for (const event of docEvents) {
      if (event.type !== DOC_UPDATED) continue;
      if (event.transactionId !== transaction) check();
      transaction = event.transactionId;
      const data = event.data as DocUpdatedData;
      modelVersion = data.modelStreamVersion;
      Y.applyUpdate(doc, new Uint8Array(Buffer.from(data.update, 'base64')));
    }
    check();
  }

  it('keeps doc and stream in agreement at every commit, and converges', async () => {
    const runs = Number(process.env['COLLAB_PROPERTY_RUNS'] ?? 40);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => run(steps)),
      {
        numRuns: runs,
        seed: Number(process.env['COLLAB_PROPERTY_SEED'] ?? 20261207),
      },
    );
    // The runs did exercise the scheme.
    expect(seen.transactions).toBeGreaterThan(runs * 2);
    expect(seen.elements).toBeGreaterThan(0);
  }, 600_000);
});
