import {
  decideOrganisation,
  evolveOrganisation,
  initialOrganisationState,
  type OrganisationEvent,
  type OrganisationState,
  type TenancyCommandContext,
} from '@threatloom/domain';
import type { TenancyAggregate } from '../tenancy-event-writer.js';

/** The Organisation decider as the event writer runs it. */
export const organisationAggregate: TenancyAggregate<
  OrganisationState,
  OrganisationEvent,
  TenancyCommandContext
> = {
  initialState: initialOrganisationState,
  evolve: evolveOrganisation,
  decide: decideOrganisation,
};
