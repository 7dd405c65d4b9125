/**
 * The table of persisted model-state snapshots, with the same row-level
 * security as the model read models: a row is visible (and writable) exactly
 * when its model is, through model_ownership's own policy, and the system
 * transaction (projections) sees every row. The canonical copy lives in
 * infra/sql/model-state-snapshots.sql; a test keeps the two identical.
 */
export const modelStateSnapshotsSql: readonly string[] = [
  `create table model_state_snapshots (
  model_id text primary key,
  format_version integer not null,
  stream_version bigint not null,
  semantic_version bigint not null,
  last_hash text not null,
  state json not null,
  taken_at timestamptz not null default now()
)`,
  // TRUNCATE is granted because snapshots are disposable: any of them may be dropped.
  `grant select, insert, update, delete, truncate on model_state_snapshots to threatloom_app`,
  `alter table model_state_snapshots enable row level security`,
  `alter table model_state_snapshots force row level security`,
  `create policy model_state_snapshots_system on model_state_snapshots for all using (app_is_system()) with check (app_is_system())`,
  `create policy model_state_snapshots_tenant on model_state_snapshots for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo))`,
];
