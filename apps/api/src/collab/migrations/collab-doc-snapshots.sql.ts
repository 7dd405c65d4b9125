/**
 * The table of persisted co-editing doc snapshots, with the row-level
 * security of the model read models: a row is visible (and writable) exactly
 * when its model is. The canonical copy lives in
 * infra/sql/collab-doc-snapshots.sql; a test keeps the two identical.
 */
export const collabDocSnapshotsSql: readonly string[] = [
  `create table collab_doc_snapshots (
  model_id text primary key,
  stream_version bigint not null,
  last_hash text not null,
  state text not null,
  taken_at timestamptz not null default now()
)`,
  // Snapshots are disposable: any of them may be dropped, and the doc is read from its stream.
  `grant select, insert, update, delete, truncate on collab_doc_snapshots to threatloom_app`,
  `alter table collab_doc_snapshots enable row level security`,
  `alter table collab_doc_snapshots force row level security`,
  `create policy collab_doc_snapshots_system on collab_doc_snapshots for all using (app_is_system()) with check (app_is_system())`,
  `create policy collab_doc_snapshots_tenant on collab_doc_snapshots for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo))`,
];
