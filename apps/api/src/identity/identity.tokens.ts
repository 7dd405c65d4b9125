/** Injection token of the IdentityConfig read at start. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
/** Injection token of the largest page a list answers (the server's GRAPHQL_MAX_PAGE_SIZE). */
export const MAX_PAGE_SIZE = Symbol('IDENTITY_MAX_PAGE_SIZE');
