import type { OrganisationRole } from './roles.js';

/**
 * Who issues a tenancy command and when. Time is passed in so the deciders stay
 * pure; `organisationId`/`role` describe the organisation the actor acts for,
 * already capped by any API token ceiling.
 */
export interface TenancyCommandContext {
  actor: {
    userId: string;
    email: string;
    organisationId?: string;
    role?: OrganisationRole;
  };
  /** ISO-8601 timestamp of the command. */
  now: string;
}
