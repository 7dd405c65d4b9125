import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { TestServer } from '../../identity/support/identity-test-server.js';
import type { TestOrganisation } from '../../tenancy/support/tenancy-world.js';

/**
 * Opens a raw WebSocket on the model as the organisation's admin (cookie,
 * CSRF token and Origin, as a browser sends them), resolving once it is open
 * (or closed): for tests that send frames no stock client would.
 */
export function rawSocket(
  server: TestServer,
  modelId: string,
  organisation: TestOrganisation,
): Promise<WebSocket> {
  const user = organisation.admin;
  const session = user.browser.cookie(server.baseUrl, 'threatloom_session') ?? '';
  const socket = new WebSocket(
    `${server.baseUrl.replace(/^http/, 'ws')}/collab/${modelId}?csrf=${encodeURIComponent(user.csrfToken)}`,
    {
      headers: {
        cookie: `threatloom_session=${encodeURIComponent(session)}`,
        origin: new URL(server.baseUrl).origin,
        ...(user.organisationId ? { 'x-threatloom-organisation': user.organisationId } : {}),
      },
    },
  );
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}

/** A sync update message around `payload` (type 0, step 2). */
export function updateFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
