/**
 * DDL of the tenancy read models, one statement per entry (PGlite runs one
 * statement per query). They hold no truth of their own: the `tenancy`
 * projection rebuilds them from the `org-*` and `system-*` streams.
 * The canonical, commented copy lives in infra/sql/tenancy-tables.sql; a test
 * keeps the two identical.
 */
export const tenancyTablesSql: readonly string[] = [
  `create table organisations (
  organisation_id uuid primary key,
  name text not null,
  slug text not null,
  created_by uuid not null,
  created_at timestamptz not null
)`,
  // Not unique: uniqueness across aggregates is checked before appending, and a
  // constraint here could only stall the projection on a racing duplicate.
  `create index organisations_by_slug on organisations (slug)`,
  `create table memberships (
  organisation_id uuid not null,
  user_id uuid not null,
  email text not null,
  role text not null check (role in ('admin', 'risk_owner', 'editor', 'viewer')),
  joined_at timestamptz not null,
  primary key (organisation_id, user_id)
)`,
  `create index memberships_by_user on memberships (user_id)`,
  `create table invitations (
  invitation_id uuid primary key,
  organisation_id uuid not null,
  email text not null,
  role text not null check (role in ('admin', 'risk_owner', 'editor', 'viewer')),
  status text not null check (status in ('pending', 'accepted', 'revoked')),
  invited_by uuid not null,
  invited_at timestamptz not null,
  expires_at timestamptz not null
)`,
  `create index invitations_by_organisation on invitations (organisation_id, invited_at)`,
  `create table systems (
  system_id uuid primary key,
  owner_organisation_id uuid not null,
  name text not null,
  criticality_tier integer not null check (criticality_tier between 1 and 4),
  tags jsonb not null,
  registered_by uuid not null,
  registered_at timestamptz not null
)`,
  `create index systems_by_owner on systems (owner_organisation_id, name, system_id)`,
  `create table system_shares (
  system_id uuid not null,
  grantee_organisation_id uuid not null,
  owner_organisation_id uuid not null,
  role text not null check (role in ('editor', 'viewer', 'auditor')),
  shared_by uuid not null,
  shared_at timestamptz not null,
  primary key (system_id, grantee_organisation_id)
)`,
  `create index system_shares_by_grantee on system_shares (grantee_organisation_id, system_id)`,
  `create table model_ownership (
  model_id text primary key,
  system_id uuid not null,
  owner_organisation_id uuid not null
)`,
  `create index model_ownership_by_system on model_ownership (system_id)`,
  // TRUNCATE is granted because rebuilding the projection empties these tables.
  `grant select, insert, update, delete, truncate on organisations, memberships, invitations, systems, system_shares, model_ownership to threatloom_app`,
];
