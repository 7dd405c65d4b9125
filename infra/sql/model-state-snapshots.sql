-- Persisted model-state snapshots (migration 20261207T0900_model_state_snapshots).
-- Generated from apps/api/src/model-state/migrations/model-state-snapshots.sql.ts;
-- apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ
-- (run it with UPDATE_SQL_FILES=1 to rewrite this file).

create table model_state_snapshots (
  model_id text primary key,
  format_version integer not null,
  stream_version bigint not null,
  semantic_version bigint not null,
  last_hash text not null,
  state json not null,
  taken_at timestamptz not null default now()
);

grant select, insert, update, delete, truncate on model_state_snapshots to threatloom_app;

alter table model_state_snapshots enable row level security;

alter table model_state_snapshots force row level security;

create policy model_state_snapshots_system on model_state_snapshots for all using (app_is_system()) with check (app_is_system());

create policy model_state_snapshots_tenant on model_state_snapshots for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));
