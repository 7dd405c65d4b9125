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

/** Opens a graphql-ws connection to /graphql as `user` (session cookie and acting organisation). */
export function wsClientFor(server: TestServer, user: TestUser): Client {
  const cookie = `threatloom_session=${encodeURIComponent(user.browser.cookie(server.baseUrl, 'threatloom_session') ?? '')}`;
  const headers: Record<string, string> = { cookie };
  if (user.organisationId) headers['x-threatloom-organisation'] = user.organisationId;
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
