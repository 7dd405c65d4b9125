import { organisationStreamId } from '@threatloom/domain';
import type { JitMembershipJoiner } from '../../identity/oidc/oidc-service.js';
import type { TenancyEventWriter } from '../tenancy-event-writer.js';
import { organisationAggregate } from './organisation-aggregate.js';

/** Who the stream's metadata names for a just-in-time join: the system, on the provider's word. */
export const SINGLE_SIGN_ON_ACTOR = 'system:oidc';

/**
 * Just-in-time membership as the sign-in flow calls it: runs the
 * Organisation decider's JoinThroughSingleSignOn, attributed to the system
 * (no member invited the person), and waits for the read model so the
 * person's next request already sees the membership.
 */
export function joinThroughSingleSignOn(writer: TenancyEventWriter): JitMembershipJoiner {
  return async (request) => {
    const now = new Date().toISOString();
    await writer.execute(
      organisationAggregate,
      organisationStreamId(request.organisationId),
      {
        type: 'JoinThroughSingleSignOn',
        organisationId: request.organisationId,
        userId: request.userId,
        email: request.email,
        role: request.role,
        issuer: request.issuer,
      },
      { actor: { userId: request.userId, email: request.email }, now },
      {
        actor: SINGLE_SIGN_ON_ACTOR,
        organisation: request.organisationId,
        correlationId: request.correlationId,
      },
    );
  };
}
