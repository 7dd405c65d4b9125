import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../errors/app-error.js';
import { ACTING_ORGANISATION_HEADER, type Actor } from '../actor.js';
import type { RequestIdentity } from './authenticator.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity module's onRequest hook on every request. */
    threatloomIdentity: RequestIdentity | null;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The authenticated actor of a request, or null for an anonymous one. */
export function actorOf(request: FastifyRequest | null | undefined): Actor | null {
  return request?.threatloomIdentity?.actor ?? null;
}

/** The session secret of a cookie-authenticated request, or null. */
export function sessionSecretOf(request: FastifyRequest | null | undefined): string | null {
  return request?.threatloomIdentity?.sessionSecret ?? null;
}

/**
 * The organisation the request acts for: an API token's own organisation, else
 * the `x-threatloom-organisation` header, else null. A token request naming a
 * different organisation in the header is refused rather than silently narrowed.
 */
export function actingOrganisationIdOf(request: FastifyRequest | null | undefined): string | null {
  const header = request?.headers[ACTING_ORGANISATION_HEADER];
  const named = Array.isArray(header) ? header[0] : header;
  if (named !== undefined && named !== '' && !uuidPattern.test(named)) {
    throw new ValidationError(ACTING_ORGANISATION_HEADER, 'an organisation id (uuid)');
  }
  const token = actorOf(request)?.token;
  if (token) {
    if (named && named.toLowerCase() !== token.organisationId.toLowerCase()) {
      throw new ValidationError(ACTING_ORGANISATION_HEADER, "the API token's own organisation");
    }
    return token.organisationId;
  }
  return named ? named.toLowerCase() : null;
}
