import type { FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { subscriptionConnectionRefusal } from '../identity/authentication/subscription-connection-check.js';

/**
 * graphql-ws close code for "Forbidden": a refused connection and one whose
 * access was revoked end with it; clients treat it as final and do not reconnect.
 */
export const FORBIDDEN_CLOSE_CODE = 4403;

/** The parts of a `ws` WebSocket the server touches. */
export interface ServerWebSocket {
  close(code: number, reason: string): void;
}

/**
 * Each upgraded TCP socket's WebSocket. Mercurius keeps its WebSocket server
 * inside its own plugin scope (`fastify.websocketServer` is not visible from
 * the root instance), so code that must close a subscription with a proper
 * close frame finds the WebSocket here, by the socket of its upgrade request.
 */
const webSocketsBySocket = new WeakMap<Socket, ServerWebSocket>();

/** Remembers the WebSocket of an upgrade request (called when its connection initialises). */
export function rememberWebSocket(webSocket: ServerWebSocket, request: FastifyRequest): void {
  webSocketsBySocket.set(request.raw.socket as Socket, webSocket);
}

/** The WebSocket running over `socket`, if one was remembered. */
export function webSocketOf(socket: Socket): ServerWebSocket | undefined {
  return webSocketsBySocket.get(socket);
}

/** What mercurius binds `this` to when it calls `onConnect`: the connection being initialised. */
interface InitialisingConnection {
  socket?: ServerWebSocket;
  context?: { request?: FastifyRequest };
}

/**
 * Mercurius `onConnect` hook: checks each graphql-ws `connection_init` (Origin
 * and, for a session cookie, the CSRF token in the payload; see
 * subscriptionConnectionRefusal). A refused connection is closed with 4403
 * and the reason; answering false alone would make mercurius close without a
 * code (1005). Mercurius calls the hook as a method of the connection, after
 * the context (with the upgrade request) is built, which is how the socket
 * and request are reached; a test opens real refused connections, so a
 * mercurius release that changes this fails it.
 */
export function subscriptionConnectionGuard(
  allowedOrigins: readonly string[],
): (this: InitialisingConnection, message: { payload?: unknown }) => boolean {
  return function onConnect(this: InitialisingConnection, message) {
    const request = this?.context?.request;
    if (request === undefined) return false;
    const refusal = subscriptionConnectionRefusal(request, message.payload, allowedOrigins);
    if (refusal === null) return true;
    request.log.info({ reason: refusal }, 'refused a subscription connection');
    this.socket?.close(FORBIDDEN_CLOSE_CODE, refusal);
    return false;
  };
}
