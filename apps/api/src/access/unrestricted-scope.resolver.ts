import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestScope } from './request-scope.js';
import type { RequestScopeResolver } from './request-scope.resolver.js';

/**
 * The resolver in force while no authentication module is installed: every
 * caller is anonymous (no user, no organisation) and every access check passes.
 * It exists so the API is usable on a single-user developer machine; an
 * authentication module replaces it by providing REQUEST_SCOPE_RESOLVER.
 */
@Injectable()
export class UnrestrictedScopeResolver implements RequestScopeResolver {
  /** Builds the anonymous, unrestricted scope of a request. */
  async resolve(_request: FastifyRequest | null, requestId: string): Promise<RequestScope> {
    return {
      requestId,
      userId: null,
      organisationIds: [],
      actingOrganisationId: null,
      roles: ['admin', 'risk_owner', 'editor'],
      requireAccess: async () => undefined,
      prepareAccess: () => ({ statements: [], complete: async () => undefined }),
    };
  }
}
