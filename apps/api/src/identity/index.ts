export {
  ACTING_ORGANISATION_HEADER,
  ROLE_CEILINGS,
  type Actor,
  type AuthenticationMethod,
  type RoleCeiling,
} from './actor.js';
export {
  actingOrganisationIdOf,
  actorOf,
  sessionSecretOf,
} from './authentication/request-identity.js';
export { Authenticator, type RequestIdentity } from './authentication/authenticator.js';
export { AccountService } from './account/account-service.js';
export { ApiTokenService } from './api-token/api-token-service.js';
export {
  DEMO_ACCOUNT_EMAIL,
  VENDOR_DEMO_ACCOUNT_EMAIL,
  DemoAccounts,
  type DemoAccountEmail,
} from './demo-accounts.js';
export { IdentityModule } from './identity.module.js';
export { identityMigrations } from './migrations/index.js';
export { OidcService } from './oidc/oidc-service.js';
export { CSRF_HEADER } from './session/csrf-token.js';
export { SESSION_COOKIE } from './http/cookies.js';
