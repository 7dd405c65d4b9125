import type { Generated, Kysely } from 'kysely';
import type { RoleCeiling } from './actor.js';

/** Row shapes of the identity tables (see migrations/20261124T1200_identity.ts). */
export interface IdentityTables {
  users: { id: string; email: string; password_hash: string | null; created_at: Generated<Date> };
  sessions: {
    id: string;
    user_id: string;
    method: 'password' | 'oidc';
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  };
  api_tokens: {
    id: string;
    user_id: string;
    organisation_id: string;
    role_ceiling: RoleCeiling;
    name: string;
    secret_hash: string;
    display_prefix: string;
    created_at: Date;
    expires_at: Date | null;
    revoked_at: Date | null;
    last_used_at: Date | null;
  };
  sign_in_failures: { id: string; bucket: string; failed_at: Date };
  oidc_providers: {
    organisation_id: string;
    organisation_slug: string;
    issuer: string;
    client_id: string;
    client_secret_sealed: string | null;
    scopes: string;
    configured_by: string;
    updated_at: Date;
    jit_membership: Generated<boolean>;
    jit_email_domains: Generated<string[]>;
    jit_default_role: Generated<string>;
  };
  oidc_identities: { issuer: string; subject: string; user_id: string; created_at: Date };
  oidc_login_attempts: {
    id: string;
    organisation_id: string;
    code_verifier: string;
    nonce: string;
    return_path: string;
    expires_at: Date;
  };
}

/** A Kysely handle (or transaction) that can reach the identity tables. */
export type IdentityDb = Kysely<IdentityTables>;
