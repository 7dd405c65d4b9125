-- Milestone model-state snapshots (migration 20261208T0900_model_state_milestones).
-- Generated from apps/api/src/model-state/migrations/model-state-milestones.sql.ts;
-- apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ
-- (run it with UPDATE_SQL_FILES=1 to rewrite this file).

create table model_state_milestones (
  model_id text not null,
  format_version integer not null,
  stream_version bigint not null,
  last_position bigint not null,
  max_recorded_at timestamptz not null,
  semantic_version bigint not null,
  last_hash text not null,
  state json not null,
  taken_at timestamptz not null default now(),
  primary key (model_id, format_version, stream_version)
);

grant select, insert, update, delete, truncate on model_state_milestones to threatloom_app;

alter table model_state_milestones enable row level security;

alter table model_state_milestones force row level security;

create policy model_state_milestones_system on model_state_milestones for all using (app_is_system()) with check (app_is_system());

create policy model_state_milestones_tenant on model_state_milestones for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));

alter table model_state_snapshots add column max_recorded_at timestamptz;

delete from model_state_snapshots;
