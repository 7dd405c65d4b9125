import { sql, type Kysely, type Migration } from 'kysely';

const statements = [
  `create table users (
      id uuid primary key,
      email text not null unique check (email = lower(email)),
      password_hash text,
      created_at timestamptz not null default now()
    )`,
  `create table sessions (
      id text primary key,
      user_id uuid not null references users (id),
      method text not null check (method in ('password', 'oidc')),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`,
  `create index sessions_user_id_idx on sessions (user_id)`,
  `create table api_tokens (
      id uuid primary key,
      user_id uuid not null references users (id),
      organisation_id uuid not null,
      role_ceiling text not null check (role_ceiling in ('admin', 'risk_owner', 'editor', 'viewer')),
      name text not null,
      secret_hash text not null unique,
      display_prefix text not null,
      created_at timestamptz not null,
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`,
  `create index api_tokens_user_id_idx on api_tokens (user_id, created_at)`,
  `create table sign_in_failures (
      id uuid primary key,
      bucket text not null,
      failed_at timestamptz not null
    )`,
  `create index sign_in_failures_bucket_idx on sign_in_failures (bucket, failed_at)`,
  `create table oidc_providers (
      organisation_id uuid primary key,
      organisation_slug text not null unique,
      issuer text not null,
      client_id text not null,
      client_secret_sealed text,
      scopes text not null,
      configured_by uuid not null references users (id),
      updated_at timestamptz not null
    )`,
  `create table oidc_identities (
      issuer text not null,
      subject text not null,
      user_id uuid not null references users (id),
      created_at timestamptz not null,
      primary key (issuer, subject)
    )`,
  `create table oidc_login_attempts (
      id text primary key,
      organisation_id uuid not null,
      code_verifier text not null,
      nonce text not null,
      return_path text not null,
      expires_at timestamptz not null
    )`,
  `grant select, insert, update on users, sessions, api_tokens, oidc_providers, oidc_identities
      to threatloom_app`,
  `grant select, insert, delete on sign_in_failures, oidc_login_attempts to threatloom_app`,
];

/**
 * Accounts, sessions, API tokens, sign-in failures and OIDC configuration.
 * These tables are read before any organisation is known (sign-in, cookie and
 * token lookup), so they carry no organisation row-level security: every row is
 * reached through a secret's hash or the authenticated user's id. Secrets
 * themselves are never stored (sessions and tokens: SHA-256 of the secret;
 * passwords: argon2id; OIDC client secrets: AES-256-GCM).
 */
export const identityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One statement per call: PGlite runs parameterised queries through the extended protocol.
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
  },
};
