/**
 * Row-level security for every tenant table, one statement per entry. Every
 * policy is keyed on the transaction-local settings DatabaseService sets:
 * `app.org_ids` (the request's organisations) and `app.user_id`, read through
 * `nullif(current_setting(..., true), '')` so an unset or empty setting matches
 * no row (fail closed). `app.system = 'on'` marks DatabaseService.systemTransaction
 * (projections, seeding), which may read and write every row.
 * The canonical, commented copy lives in infra/sql/row-level-security.sql; a
 * test keeps the two identical.
 */

/** Tables whose rows belong to a threat model (the API's read models). */
export const modelScopedTables = [
  'rm_models',
  'rm_zones',
  'rm_elements',
  'rm_flows',
  'rm_threats',
] as const;

/** Tables of the tenancy read models. */
export const tenancyTables = [
  'organisations',
  'memberships',
  'invitations',
  'systems',
  'system_shares',
  'model_ownership',
] as const;

const settingFunctions: readonly string[] = [
  `create function app_current_org_ids() returns uuid[] language sql stable as $$
  select string_to_array(nullif(current_setting('app.org_ids', true), ''), ',')::uuid[]
$$`,
  `create function app_current_user_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$`,
  `create function app_is_system() returns boolean language sql stable as $$
  select coalesce(nullif(current_setting('app.system', true), '') = 'on', false)
$$`,
];

function protect(table: string): string[] {
  return [
    `alter table ${table} enable row level security`,
    `alter table ${table} force row level security`,
    `create policy ${table}_system on ${table} for all using (app_is_system()) with check (app_is_system())`,
  ];
}

const tenancyPolicies: readonly string[] = [
  ...tenancyTables.flatMap(protect),
  // Own memberships are visible before any organisation is chosen: that is how
  // a request learns which organisations its user may act for.
  `create policy memberships_tenant on memberships for select using (
  organisation_id = any (app_current_org_ids()) or user_id = app_current_user_id()
)`,
  `create policy organisations_tenant on organisations for select using (
  organisation_id = any (app_current_org_ids())
  or organisation_id in (select m.organisation_id from memberships m)
)`,
  `create policy invitations_tenant on invitations for select using (
  organisation_id = any (app_current_org_ids())
)`,
  // Shares carry the owner organisation so this policy needs no other table:
  // systems and model_ownership look shares up, and no policy looks back.
  `create policy system_shares_tenant on system_shares for select using (
  owner_organisation_id = any (app_current_org_ids())
  or grantee_organisation_id = any (app_current_org_ids())
)`,
  `create policy systems_tenant on systems for select using (
  owner_organisation_id = any (app_current_org_ids())
  or system_id in (select s.system_id from system_shares s)
)`,
  `create policy model_ownership_tenant on model_ownership for select using (
  owner_organisation_id = any (app_current_org_ids())
  or system_id in (select s.system_id from system_shares s)
)`,
];

function protectModelScoped(table: string): string[] {
  // model_ownership's own policy decides which models are visible, so a model's
  // rows follow its system's owner and shares without duplicating the rule.
  const isVisible = `model_id in (select mo.model_id from model_ownership mo)`;
  return [
    ...protect(table),
    `create policy ${table}_tenant on ${table} for all using (${isVisible}) with check (${isVisible})`,
  ];
}

/** Every statement of the row-level-security migration, in order. */
export const rowLevelSecuritySql: readonly string[] = [
  ...settingFunctions,
  ...tenancyPolicies,
  ...modelScopedTables.flatMap(protectModelScoped),
];
