import { ModelDoc } from '@threatloom/collab';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestUser } from '../../tenancy/support/tenancy-actors.js';

/** A stock y-websocket client on one model, as a test drives it. */
export interface CollabClient {
  doc: Y.Doc;
  edit: ModelDoc;
  provider: WebsocketProvider;
  /** Reasons the server sent with the protocol's "permission denied". */
  denied: string[];
  /** Close codes and reasons the socket was closed with. */
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/** How a client presents itself. */
export interface CollabCredentials {
  /** A signed-in user: the session cookie and its CSRF token (as the web app sends them). */
  user?: TestUser;
  /** An API token, as the `token` query parameter. */
  token?: string;
  /** The Origin header; default: the server's own. Null sends none. */
  origin?: string | null;
  /** Override the CSRF token sent (null: none). */
  csrf?: string | null;
}

/** A `WebSocket` class that sends the user's cookie, organisation and Origin (browsers do). */
function socketClass(baseUrl: string, credentials: CollabCredentials): typeof WebSocket {
  const headers: Record<string, string> = {};
  const user = credentials.user;
  if (user !== undefined) {
    const session = user.browser.cookie(baseUrl, 'threatloom_session') ?? '';
    headers['cookie'] = `threatloom_session=${encodeURIComponent(session)}`;
    if (user.organisationId) headers['x-threatloom-organisation'] = user.organisationId;
  }
  const origin = credentials.origin === undefined ? new URL(baseUrl).origin : credentials.origin;
  if (origin !== null) headers['origin'] = origin;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

/**
 * Opens a stock `WebsocketProvider` on `/collab/<modelId>`. `disableBc`
 * keeps clients of one process from syncing through BroadcastChannel, so
 * everything goes through the server.
 */
export function collabClient(
  baseUrl: string,
  modelId: string,
  credentials: CollabCredentials,
  /** The doc to connect (a client moving to another server keeps its own); default: a new one. */
  doc: Y.Doc = new Y.Doc(),
): CollabClient {
  const params: Record<string, string> = {};
  if (credentials.token !== undefined) params['token'] = credentials.token;
  const csrf = credentials.csrf === undefined ? credentials.user?.csrfToken : credentials.csrf;
  if (csrf !== undefined && csrf !== null) params['csrf'] = csrf;
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, modelId, doc, {
    WebSocketPolyfill: socketClass(baseUrl, credentials) as never,
    disableBc: true,
    params,
    maxBackoffTime: 1000,
  });
  const client: CollabClient = {
    doc,
    edit: new ModelDoc(doc),
    provider,
    denied: [],
    closes: [],
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on('connection-close', (event: unknown) => {
    const close = event as { code: number; reason: string } | null;
    if (close) client.closes.push({ code: close.code, reason: String(close.reason) });
  });
  // The protocol's auth message: y-websocket only logs it; record it instead.
  const handlers = provider.messageHandlers as unknown as Array<
    (encoder: unknown, decoder: decoding.Decoder) => void
  >;
  handlers[2] = (_encoder, decoder) => {
    // permission denied: 0, then the reason.
    if (decoding.readVarUint(decoder) === 0) client.denied.push(decoding.readVarString(decoder));
  };
  return client;
}

/** Waits until the client synced with the server. */
export function synced(client: CollabClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the client did not sync in time')), timeoutMs);
    client.provider.once('sync', (isSynced: boolean) => {
      if (isSynced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Polls `condition` until it holds. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The server's "saved" state vector, from its presence state, if published. */
export function persistedStateVector(client: CollabClient): Map<number, number> | null {
  for (const state of client.provider.awareness.getStates().values()) {
    const persisted = (state as { threatloom?: { persisted?: string | null } }).threatloom
      ?.persisted;
    if (typeof persisted === 'string') {
      return Y.decodeStateVector(new Uint8Array(Buffer.from(persisted, 'base64')));
    }
  }
  return null;
}

/** Whether everything this client wrote is stored, by the server's word. */
export function isSaved(client: CollabClient): boolean {
  const persisted = persistedStateVector(client);
  if (persisted === null) return false;
  const own = Y.encodeStateVector(client.doc);
  const mine = Y.decodeStateVector(own).get(client.doc.clientID) ?? 0;
  return (persisted.get(client.doc.clientID) ?? 0) >= mine;
}
