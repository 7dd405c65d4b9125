import type { FastifyInstance } from 'fastify';

/** Echoes the request id in `x-request-id`, so a caller can quote it when reporting a problem. */
export function registerRequestIdHeader(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
