-- Row-level security on every tenant table (migration
-- 20261124T1110_tenancy_row_level_security). Generated from
-- apps/api/src/tenancy/migrations/row-level-security.sql.ts;
-- apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ
-- (run it with UPDATE_SQL_FILES=1 to rewrite this file).
--
-- Fail closed: nullif(current_setting(name, true), '') turns an unset or empty
-- setting into NULL, and `x = any (NULL)` is never true, so a transaction that
-- did not set app.org_ids sees no tenant row. app.system = 'on' is set only by
-- DatabaseService.systemTransaction (projections, seeding).

create function app_current_org_ids() returns uuid[] language sql stable as $$
  select string_to_array(nullif(current_setting('app.org_ids', true), ''), ',')::uuid[]
$$;

create function app_current_user_id() returns uuid language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;

create function app_is_system() returns boolean language sql stable as $$
  select coalesce(nullif(current_setting('app.system', true), '') = 'on', false)
$$;

alter table organisations enable row level security;

alter table organisations force row level security;

create policy organisations_system on organisations for all using (app_is_system()) with check (app_is_system());

alter table memberships enable row level security;

alter table memberships force row level security;

create policy memberships_system on memberships for all using (app_is_system()) with check (app_is_system());

alter table invitations enable row level security;

alter table invitations force row level security;

create policy invitations_system on invitations for all using (app_is_system()) with check (app_is_system());

alter table systems enable row level security;

alter table systems force row level security;

create policy systems_system on systems for all using (app_is_system()) with check (app_is_system());

alter table system_shares enable row level security;

alter table system_shares force row level security;

create policy system_shares_system on system_shares for all using (app_is_system()) with check (app_is_system());

alter table model_ownership enable row level security;

alter table model_ownership force row level security;

create policy model_ownership_system on model_ownership for all using (app_is_system()) with check (app_is_system());

create policy memberships_tenant on memberships for select using (
  organisation_id = any (app_current_org_ids()) or user_id = app_current_user_id()
);

create policy organisations_tenant on organisations for select using (
  organisation_id = any (app_current_org_ids())
  or organisation_id in (select m.organisation_id from memberships m)
);

create policy invitations_tenant on invitations for select using (
  organisation_id = any (app_current_org_ids())
);

create policy system_shares_tenant on system_shares for select using (
  owner_organisation_id = any (app_current_org_ids())
  or grantee_organisation_id = any (app_current_org_ids())
);

create policy systems_tenant on systems for select using (
  owner_organisation_id = any (app_current_org_ids())
  or system_id in (select s.system_id from system_shares s)
);

create policy model_ownership_tenant on model_ownership for select using (
  owner_organisation_id = any (app_current_org_ids())
  or system_id in (select s.system_id from system_shares s)
);

alter table rm_models enable row level security;

alter table rm_models force row level security;

create policy rm_models_system on rm_models for all using (app_is_system()) with check (app_is_system());

create policy rm_models_tenant on rm_models for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));

alter table rm_zones enable row level security;

alter table rm_zones force row level security;

create policy rm_zones_system on rm_zones for all using (app_is_system()) with check (app_is_system());

create policy rm_zones_tenant on rm_zones for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));

alter table rm_elements enable row level security;

alter table rm_elements force row level security;

create policy rm_elements_system on rm_elements for all using (app_is_system()) with check (app_is_system());

create policy rm_elements_tenant on rm_elements for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));

alter table rm_flows enable row level security;

alter table rm_flows force row level security;

create policy rm_flows_system on rm_flows for all using (app_is_system()) with check (app_is_system());

create policy rm_flows_tenant on rm_flows for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));

alter table rm_threats enable row level security;

alter table rm_threats force row level security;

create policy rm_threats_system on rm_threats for all using (app_is_system()) with check (app_is_system());

create policy rm_threats_tenant on rm_threats for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));
