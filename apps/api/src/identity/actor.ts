/** Roles an API token may be capped at; ordered from most to least powerful. */
export const ROLE_CEILINGS = ['admin', 'risk_owner', 'editor', 'viewer'] as const;

/** The most powerful organisation role an API token may exercise. */
export type RoleCeiling = (typeof ROLE_CEILINGS)[number];

/** How the request proved who it comes from. */
export type AuthenticationMethod = 'session' | 'api_token' | 'oidc';

/**
 * The authenticated caller of a request. Tenancy turns it, together with the
 * acting organisation, into the authorisation scope.
 */
export interface Actor {
  userId: string;
  email: string;
  via: AuthenticationMethod;
  /** Present when the request carried a personal API token. */
  token?: { id: string; organisationId: string; roleCeiling: RoleCeiling };
}

/** Header naming the organisation a cookie-authenticated request acts for. */
export const ACTING_ORGANISATION_HEADER = 'x-threatloom-organisation';
