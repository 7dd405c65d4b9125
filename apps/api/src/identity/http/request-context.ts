import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientContext } from '../account/account-service.js';

/** The part of the Mercurius context identity resolvers use. */
export interface HttpGraphQLContext {
  reply: FastifyReply;
}

/** The Fastify request behind a GraphQL operation. */
export function requestOf(context: HttpGraphQLContext): FastifyRequest {
  return context.reply.request;
}

/** Address and request id of a caller, for rate limiting and event metadata. */
export function clientContextOf(request: FastifyRequest): ClientContext {
  return { address: request.ip ?? null, correlationId: request.id };
}
