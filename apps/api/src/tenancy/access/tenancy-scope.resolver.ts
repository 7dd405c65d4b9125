import { Injectable } from '@nestjs/common';
import { effectiveOrganisationRole } from '@threatloom/domain';
import type { FastifyRequest } from 'fastify';
import type { RequestScopeResolver } from '../../access/request-scope.resolver.js';
import { DatabaseService } from '../../database/database.service.js';
import type { SessionAlongRead } from '../../identity/authentication/authenticator.js';
import { actingOrganisationIdOf, actorOf } from '../../identity/authentication/request-identity.js';
import { SubscriptionAccess } from '../subscriptions/subscription-access.js';
import { TenancyRepository } from '../tenancy.repository.js';
import { tenancyDb } from '../tenancy-tables.js';
import {
  membershipsFrom,
  membershipsStatement,
  sessionMembershipsStatement,
  type MembershipStatementRow,
} from './access-statements.js';
import { TenancyRequestScope } from './tenancy-request-scope.js';

/**
 * Turns the authenticated actor (from identity) and the acting organisation
 * (API token's organisation, else the `x-threatloom-organisation` header, else
 * the user's only organisation) into the request's authorisation scope.
 */
@Injectable()
export class TenancyScopeResolver implements RequestScopeResolver {
  constructor(
    private readonly database: DatabaseService,
    private readonly repository: TenancyRepository,
    private readonly subscriptions: SubscriptionAccess,
  ) {}

  /** Builds the scope of one HTTP or WebSocket request. */
  async resolve(request: FastifyRequest | null, requestId: string): Promise<TenancyRequestScope> {
    const actor = actorOf(request);
    if (actor === null) {
      return this.scope({
        requestId,
        userId: null,
        email: null,
        actingOrganisationId: null,
        role: null,
        memberships: [],
      });
    }
    const named = actingOrganisationIdOf(request);
    const memberships = membershipsFrom(
      (request?.threatloomIdentity?.readAlongSession ??
        (await this.readMemberships(actor.userId))) as MembershipStatementRow[],
    );
    const onlyMembership = memberships.length === 1 ? memberships[0]?.organisationId : undefined;
    const actingOrganisationId = named ?? onlyMembership ?? null;
    const roleCeiling = actor.token?.roleCeiling;
    const role =
      actingOrganisationId === null
        ? null
        : effectiveOrganisationRole(actingOrganisationId, memberships, roleCeiling);
    const scope = this.scope({
      requestId,
      userId: actor.userId,
      email: actor.email,
      actingOrganisationId,
      role,
      memberships,
      ...(roleCeiling ? { roleCeiling } : {}),
    });
    this.subscriptions.track(request, scope);
    return scope;
  }

  /**
   * The read that travels with every session lookup: the session user's
   * memberships, so a cookie-authenticated request learns them without a
   * round trip of its own.
   */
  static readonly membershipsAlongSession: SessionAlongRead = {
    statement: (db) => sessionMembershipsStatement(tenancyDb(db)),
  };

  /** The user's memberships, for requests that did not read them with a session (API tokens). */
  private async readMemberships(userId: string): Promise<readonly unknown[]> {
    // One round trip: BEGIN, settings, the read and COMMIT are sent together.
    const [rows] = await this.database.readBatch({ userId, organisationIds: [] }, [
      membershipsStatement(tenancyDb(this.database.db), userId),
    ]);
    return rows ?? [];
  }

  private scope(caller: TenancyRequestScope['caller']): TenancyRequestScope {
    return new TenancyRequestScope(caller, this.database, this.repository);
  }
}
