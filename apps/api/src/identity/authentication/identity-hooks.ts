import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusByCode } from '../../errors/error-codes.js';
import { toAppError } from '../../errors/to-app-error.js';
import { CSRF_HEADER, isValidCsrfToken } from '../session/csrf-token.js';
import type { Authenticator } from './authenticator.js';
import { needsCsrfToken } from './csrf-guard.js';
import { isAllowedOrigin, originOf } from './origin-check.js';
import { actingOrganisationIdOf } from './request-identity.js';

function pathOf(request: FastifyRequest): string {
  const queryStart = request.url.indexOf('?');
  return queryStart < 0 ? request.url : request.url.slice(0, queryStart);
}

/** Answers a refused request in the shape its route speaks: GraphQL errors on /graphql, a JSON error elsewhere. */
async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  detail: { reason?: string; field?: string | null } = {},
): Promise<void> {
  const extensions = {
    code,
    ...(detail.field ? { field: detail.field } : {}),
    ...(detail.reason ? { reason: detail.reason } : {}),
  };
  const body =
    pathOf(request) === '/graphql'
      ? { data: null, errors: [{ message, extensions }] }
      : { error: { ...extensions, message } };
  await reply.status(status).send(body);
}

/**
 * Installs authentication on every route: an onRequest hook that puts the
 * request's identity on `request.threatloomIdentity` (read it with `actorOf`),
 * and a preHandler hook that refuses cookie-authenticated writes from a page
 * outside `allowedOrigins` (when the browser names its Origin) or without the
 * session's CSRF token. Bearer-token requests carry no ambient credential, so
 * they need neither.
 */
export function registerIdentityHooks(
  fastify: FastifyInstance,
  authenticator: Authenticator,
  allowedOrigins: readonly string[],
): void {
  fastify.decorateRequest('threatloomIdentity', null);

  fastify.addHook('onRequest', async (request, reply) => {
    try {
      request.threatloomIdentity = await authenticator.authenticate({
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
      });
      // A malformed or contradictory acting-organisation header is bad input: refuse it here,
      // in the error shape clients expect, rather than when the request scope is built.
      actingOrganisationIdOf(request);
      const actor = request.threatloomIdentity.actor;
      // Every later log line of the request names who made it (ids only, never credentials).
      if (actor !== null) {
        request.log = request.log.child({
          userId: actor.userId,
          via: actor.via,
          tokenId: actor.token?.id,
        });
      }
    } catch (error) {
      const appError = toAppError(error);
      if (appError === null) throw error;
      await refuse(
        request,
        reply,
        httpStatusByCode[appError.code],
        appError.code,
        appError.message,
        { field: appError.field },
      );
      return reply;
    }
  });

  fastify.addHook('preHandler', async (request, reply) => {
    const sessionSecret = request.threatloomIdentity?.sessionSecret ?? null;
    if (sessionSecret === null) return;
    if (!needsCsrfToken(request.method, pathOf(request), request.body)) return;
    // Clients other than browsers send no Origin; the CSRF token below still applies to them.
    const origin = originOf(request.headers);
    if (origin !== undefined && !isAllowedOrigin(origin, allowedOrigins)) {
      await refuse(
        request,
        reply,
        403,
        'FORBIDDEN',
        'Pages from this Origin may not send writes with the session cookie (see ALLOWED_ORIGINS)',
        { reason: 'ORIGIN' },
      );
      return reply;
    }
    const presented = request.headers[CSRF_HEADER];
    if (isValidCsrfToken(sessionSecret, Array.isArray(presented) ? presented[0] : presented))
      return;
    await refuse(
      request,
      reply,
      403,
      'FORBIDDEN',
      `Missing or invalid CSRF token: a request with the session cookie must send the \`csrfToken\` query's value in the ${CSRF_HEADER} header (or sign out first)`,
      { reason: 'CSRF' },
    );
    return reply;
  });
}
