-- Creates the PostgreSQL roles and the database Threatloom runs on.
-- Run once per cluster as a superuser (or a role with CREATEROLE and CREATEDB):
--
--   psql -v ON_ERROR_STOP=1 -f infra/sql/bootstrap-roles.sql
--
-- Every name can be changed with psql variables, for example
--   psql -v ON_ERROR_STOP=1 -v database=threatloom_staging -f infra/sql/bootstrap-roles.sql
-- Then give the two login roles passwords (\password threatloom_owner and
-- \password threatloom_runtime) or whatever authentication pg_hba.conf asks for,
-- and start the server with
--   DATABASE_MIGRATION_URL=postgres://threatloom_owner@host/threatloom
--   DATABASE_URL=postgres://threatloom_runtime@host/threatloom
-- See docs/postgresql.md.

\if :{?owner_role}
\else
  \set owner_role threatloom_owner
\endif
\if :{?runtime_role}
\else
  \set runtime_role threatloom_runtime
\endif
\if :{?database}
\else
  \set database threatloom
\endif

-- The group role every runtime grant goes to (the migrations grant it exactly
-- what the server needs). Created here so the owner needs no CREATEROLE. It is
-- cluster-wide and may already exist.
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'threatloom_app') AS create_group_role \gset
\if :create_group_role
  CREATE ROLE threatloom_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
\endif

-- The owner: runs the migrations (DATABASE_MIGRATION_URL) and owns every table.
-- It owns the database, which gives it CREATE on schema public; nothing more.
CREATE ROLE :"owner_role" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;

-- The runtime login (DATABASE_URL): a member of threatloom_app and of nothing
-- else, owning nothing, so row-level security binds every query it runs.
-- Its privileges come from threatloom_app, so it keeps the default INHERIT.
CREATE ROLE :"runtime_role" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
  IN ROLE threatloom_app;

CREATE DATABASE :"database" OWNER :"owner_role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO threatloom_app;
