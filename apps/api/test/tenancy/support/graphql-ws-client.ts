import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from '../../identity/support/identity-test-server.js';
import type { TestUser } from './tenancy-actors.js';

/** What one subscription has seen so far. */
export interface SubscriptionProbe {
  /** Payloads received, in order. */
  next: unknown[];
  /** The error that ended it (GraphQL errors or a close event), if any. */
  error: unknown;
  isComplete: boolean;
  /** Resolves once the subscription ended (error or completion). */
  ended: Promise<void>;
  dispose(): Promise<void>;
}

/** How a connection presents itself; by default as the server's own pages would. */
export interface WsClientOptions {
  /** The Origin header; null sends none. Default: the server's own origin. */
  origin?: string | null;
  /** `csrfToken` in the connection_init payload; null sends none. Default: the user's token. */
  csrfToken?: string | null;
}

/**
 * Opens a graphql-ws connection to /graphql as `user` (session cookie, acting
 * organisation, and by default the server's own Origin and the session's CSRF
 * token in connection_init, as a page of the server would).
 */
export function wsClientFor(
  server: TestServer,
  user: TestUser,
  options: WsClientOptions = {},
): Client {
  const cookie = `threatloom_session=${encodeURIComponent(user.browser.cookie(server.baseUrl, 'threatloom_session') ?? '')}`;
  const headers: Record<string, string> = { cookie };
  if (user.organisationId) headers['x-threatloom-organisation'] = user.organisationId;
  const origin = options.origin === undefined ? new URL(server.baseUrl).origin : options.origin;
  if (origin !== null) headers['origin'] = origin;
  const csrfToken = options.csrfToken === undefined ? user.csrfToken : options.csrfToken;
  class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: `${server.baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: AuthenticatedWebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: csrfToken === null ? {} : { csrfToken },
  });
}

/** Subscribes and records what arrives, until the subscription ends or is disposed. */
export function subscribe(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): SubscriptionProbe {
  let resolveEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const probe: SubscriptionProbe = {
    next: [],
    error: undefined,
    isComplete: false,
    ended,
    async dispose() {
      unsubscribe();
      await client.dispose();
    },
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors?.length) probe.error = value.errors;
        else probe.next.push(value.data);
      },
      error: (error) => {
        probe.error = error;
        resolveEnded();
      },
      complete: () => {
        probe.isComplete = true;
        resolveEnded();
      },
    },
  );
  return probe;
}
