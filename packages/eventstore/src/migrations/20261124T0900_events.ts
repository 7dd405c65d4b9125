import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The events table, its commit-order index, immutability triggers and the
 * application role's privileges. One statement per call: PGlite's extended
 * protocol takes a single statement at a time.
 */
export const eventsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1 CHECK (schema_version >= 1),
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        previous_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT events_event_id_unique UNIQUE (event_id),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )
    `.execute(db);
    // Readers walk the store in (transaction id, position) order; see docs/decisions/0002.
    await sql`CREATE INDEX events_commit_order ON events (transaction_id, position)`.execute(db);
    await sql`
      CREATE FUNCTION threatloom_reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % on events is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `.execute(db);
    await sql`
      CREATE TRIGGER events_reject_update_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION threatloom_reject_event_change()
    `.execute(db);
    await sql`
      CREATE TRIGGER events_reject_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION threatloom_reject_event_change()
    `.execute(db);
    // Roles are cluster-wide: another database may be creating the same role right now.
    // Created only when missing, so an owner without CREATEROLE can migrate a
    // cluster where the role was set up beforehand (infra/sql/bootstrap-roles.sql).
    await sql`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'threatloom_app') THEN
          CREATE ROLE threatloom_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$
    `.execute(db);
    await sql`REVOKE ALL ON events FROM PUBLIC`.execute(db);
    await sql`REVOKE ALL ON events FROM threatloom_app`.execute(db);
    await sql`GRANT SELECT, INSERT ON events TO threatloom_app`.execute(db);
    await sql`GRANT USAGE ON SEQUENCE events_position_seq TO threatloom_app`.execute(db);
  },
};
