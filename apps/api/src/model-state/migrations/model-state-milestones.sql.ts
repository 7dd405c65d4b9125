/**
 * Milestone snapshots of models' decided states: the state after every
 * `MODEL_STATE_MILESTONE_EVERY`-th event of a model's stream, kept (unlike
 * model_state_snapshots, which holds only the newest), so a model replayed as
 * of a past point folds at most that many events. `last_position` and
 * `max_recorded_at` say which points a row can start: one whose events are
 * all at or before the point. Same row-level security as the model read
 * models. The newest snapshot (model_state_snapshots) learns the latest
 * recorded time of its events too; its rows, which do not know it, are
 * dropped (snapshots are disposable: the next load writes one again). The
 * canonical copy lives in infra/sql/model-state-milestones.sql; a test keeps
 * the two identical.
 */
export const modelStateMilestonesSql: readonly string[] = [
  `create table model_state_milestones (
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
)`,
  // TRUNCATE is granted because milestones are disposable: any of them may be dropped.
  `grant select, insert, update, delete, truncate on model_state_milestones to threatloom_app`,
  `alter table model_state_milestones enable row level security`,
  `alter table model_state_milestones force row level security`,
  `create policy model_state_milestones_system on model_state_milestones for all using (app_is_system()) with check (app_is_system())`,
  `create policy model_state_milestones_tenant on model_state_milestones for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo))`,
  `alter table model_state_snapshots add column max_recorded_at timestamptz`,
  `delete from model_state_snapshots`,
];
