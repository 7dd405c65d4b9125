import { ModelDoc } from '@threatloom/collab';
import { createSubscriber } from 'svelte/reactivity';
import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeReason } from './close-reasons.js';

/** Someone else with the model open, as the server announced them. */
export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  organisationId: string | null;
  /** The organisation they act for, as the server names it. */
  organisationName: string | null;
  colour: string;
  selection: string[];
}

/** The state of the connection, for the banner. */
export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'closed';

function base64ToBytes(value: string): Uint8Array {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The web socket address of the co-editing endpoint of this origin. */
function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One open threat model: its Y.Doc, kept in sync with the server over the
 * y-websocket protocol; who else is here; whether everything typed here is
 * saved. Reading `version` (or any getter) inside an effect or a derived
 * re-runs it on every change of the doc.
 */
export class ModelConnection {
  readonly doc = new Y.Doc();
  readonly model = new ModelDoc(this.doc);
  readonly undo: Y.UndoManager;
  status = $state<ConnectionStatus>('connecting');
  /** True once the first sync with the server completed. */
  isSynced = $state(false);
  /** Why the server closed the connection for good, or refused a change. */
  problem = $state<string | null>(null);
  /** The server's reasons for the last refused change. */
  refusal = $state<string | null>(null);
  peers = $state.raw<Peer[]>([]);
  /** The clock of this page's own changes the server has stored. */
  private persistedClock = $state(0);
  /** The clock of this page's own changes. */
  private localClock = $state(0);
  private readonly provider: WebsocketProvider;
  private readonly subscribe: () => void;

  constructor(
    readonly modelId: string,
    csrfToken: string,
  ) {
    this.subscribe = createSubscriber((update) => {
      const onUpdate = (): void => update();
      this.doc.on('update', onUpdate);
      return () => this.doc.off('update', onUpdate);
    });
    this.provider = new WebsocketProvider(collabUrl(), modelId, this.doc, {
      params: { csrf: csrfToken },
      // Every change goes through the server, which decides it: two tabs must not sync directly.
      disableBc: true,
      maxBackoffTime: 5000,
    });
    this.undo = new Y.UndoManager(
      [
        'model',
        'zones',
        'elements',
        'flows',
        'assets',
        'assumptions',
        'scopeExclusions',
        'threats',
        'mitigations',
        'elementLayout',
        'zoneLayout',
        'flowLayout',
      ].map((name) => this.doc.getMap(name)),
      // Only this page's own changes are undone: never the server's, never another person's.
      { trackedOrigins: new Set([null, this]), captureTimeout: 400 },
    );
    this.provider.on('status', ({ status }) => {
      this.status =
        status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline';
      if (status === 'connected') this.problem = null;
    });
    this.provider.on('sync', (isSynced: boolean) => {
      if (isSynced) this.isSynced = true;
    });
    this.provider.on('connection-close', (event) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        this.status = 'closed';
        this.problem = closeReason(event.code);
      }
    });
    // The protocol's auth message carries the server's reasons when it refused a change.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder, provider) => {
      readAuthMessage(decoder, provider.doc, (_doc, reason) => {
        this.refusal = reason;
      });
    };
    this.provider.awareness.on('change', () => this.readAwareness());
    // The browser knows at once when the network goes; the socket would take up to 30 s to notice.
    // Edits made meanwhile stay in the doc and are sent by the sync on reconnect.
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) this.localClock = this.ownClock();
    });
  }

  /** Re-runs the caller's effect or derived on every change of the doc. */
  get version(): number {
    this.subscribe();
    return this.doc.store.clients.size;
  }

  /** True when everything changed on this page is stored by the server. */
  get isSaved(): boolean {
    return this.persistedClock >= this.localClock;
  }

  /** Runs `change` as one undo step of this page. */
  edit(change: (model: ModelDoc) => void): void {
    this.doc.transact(() => change(this.model), this);
  }

  /** Announces what this page has selected, for the others to see. */
  select(ids: readonly string[]): void {
    this.provider.awareness.setLocalStateField('selection', ids.slice(0, 100));
  }

  /** Tries to connect again after the server closed the connection. */
  reconnect(): void {
    this.problem = null;
    this.status = 'connecting';
    this.provider.connect();
  }

  private readonly onOffline = (): void => {
    if (this.status === 'closed') return;
    this.provider.disconnect();
    this.status = 'offline';
  };

  private readonly onOnline = (): void => {
    if (this.status === 'closed') return;
    this.status = 'connecting';
    this.provider.connect();
  };

  /** Closes the connection and frees the doc. */
  destroy(): void {
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.undo.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }

  private ownClock(): number {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
  }

  private readAwareness(): void {
    const peers: Peer[] = [];
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const persisted = (state as { threatloom?: { persisted?: unknown } }).threatloom?.persisted;
      if (typeof persisted === 'string') {
        const clock = Y.decodeStateVector(base64ToBytes(persisted)).get(this.doc.clientID) ?? 0;
        if (clock > this.persistedClock) this.persistedClock = clock;
        continue;
      }
      if (clientId === this.doc.clientID) continue;
      const user = (state as { user?: Partial<Peer> & { id?: string } }).user;
      if (!user?.id) continue;
      const selection = (state as { selection?: unknown }).selection;
      peers.push({
        clientId,
        userId: user.id,
        name: user.name ?? 'Someone',
        organisationId: user.organisationId ?? null,
        organisationName: user.organisationName ?? null,
        colour: user.colour ?? '#555555',
        selection: Array.isArray(selection) ? selection.filter((id) => typeof id === 'string') : [],
      });
    }
    this.peers = peers;
  }
}
