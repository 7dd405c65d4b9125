-- Persisted co-editing doc snapshots (migration 20261207T1300_collab_doc_snapshots).
-- Generated from apps/api/src/collab/migrations/collab-doc-snapshots.sql.ts;
-- apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ
-- (run it with UPDATE_SQL_FILES=1 to rewrite this file).

create table collab_doc_snapshots (
  model_id text primary key,
  stream_version bigint not null,
  last_hash text not null,
  state text not null,
  taken_at timestamptz not null default now()
);

grant select, insert, update, delete, truncate on collab_doc_snapshots to threatloom_app;

alter table collab_doc_snapshots enable row level security;

alter table collab_doc_snapshots force row level security;

create policy collab_doc_snapshots_system on collab_doc_snapshots for all using (app_is_system()) with check (app_is_system());

create policy collab_doc_snapshots_tenant on collab_doc_snapshots for all using (model_id in (select mo.model_id from model_ownership mo)) with check (model_id in (select mo.model_id from model_ownership mo));
