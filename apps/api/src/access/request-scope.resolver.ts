import type { FastifyRequest } from 'fastify';
import type { RequestScope } from './request-scope.js';

/**
 * Turns an HTTP or WebSocket request into its RequestScope. This is the single
 * plug-in point for authentication and authorisation: a module that knows
 * sessions and memberships provides its own class under REQUEST_SCOPE_RESOLVER.
 */
export interface RequestScopeResolver {
  resolve(request: FastifyRequest | null, requestId: string): Promise<RequestScope>;
}

/** Injection token of the active RequestScopeResolver. */
export const REQUEST_SCOPE_RESOLVER = Symbol('REQUEST_SCOPE_RESOLVER');
