import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `threatloom_append_events`: the whole append (head read, version and
 * duplicate checks, hash chaining, multi-row insert) as one PL/pgSQL call, so an
 * append is one round trip whose plans PostgreSQL caches per connection instead
 * of re-planning a large statement every time. SECURITY INVOKER (the default):
 * callers still need INSERT on events.
 *
 * Hash of each event: sha256(previous hash || prefix || stream version || suffix)
 * in hex, where prefix and suffix are the canonical encoding around the version
 * (see computeEventHash). Returns one row per inserted event, or one row with
 * null event columns and the head version and duplicate count when the
 * expected version (null: any, -1: no stream) or an event id check fails.
 */
export const appendFunctionMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE FUNCTION threatloom_append_events(
        p_stream_id text,
        p_expected_version integer,
        p_event_ids uuid[],
        p_types text[],
        p_schema_versions integer[],
        p_data text[],
        p_metadata text[],
        p_recorded_at timestamptz[],
        p_prefixes text[],
        p_suffixes text[]
      ) RETURNS TABLE (
        actual_version integer,
        duplicate_count integer,
        event_position bigint,
        event_stream_version integer,
        event_transaction_id text,
        event_previous_hash text,
        event_hash text
      ) LANGUAGE plpgsql AS $$
      DECLARE
        v_version integer;
        v_hash text;
        v_duplicates integer;
        v_versions integer[];
        v_previous_hashes text[];
        v_hashes text[];
      BEGIN
        SELECT e.stream_version, e.hash INTO v_version, v_hash
        FROM events e WHERE e.stream_id = p_stream_id
        ORDER BY e.stream_version DESC LIMIT 1;
        IF NOT FOUND THEN
          v_version := -1;
          v_hash := repeat('0', 64);
        END IF;
        SELECT count(*)::integer INTO v_duplicates FROM events e WHERE e.event_id = ANY (p_event_ids);
        IF v_duplicates > 0 OR (p_expected_version IS NOT NULL AND p_expected_version <> v_version) THEN
          RETURN QUERY SELECT v_version, v_duplicates, NULL::bigint, NULL::integer, NULL::text, NULL::text, NULL::text;
          RETURN;
        END IF;
        FOR i IN 1 .. cardinality(p_event_ids) LOOP
          v_previous_hashes[i] := v_hash;
          v_version := v_version + 1;
          v_hash := encode(sha256(convert_to(v_hash || p_prefixes[i] || v_version::text || p_suffixes[i], 'UTF8')), 'hex');
          v_versions[i] := v_version;
          v_hashes[i] := v_hash;
        END LOOP;
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata,
                                recorded_at, previous_hash, hash)
            SELECT p_stream_id, batch.version, batch.event_id, batch.type, batch.schema_version, batch.data::jsonb,
                   batch.metadata::jsonb, batch.recorded_at, batch.previous_hash, batch.hash
            FROM unnest(v_versions, p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_recorded_at,
                        v_previous_hashes, v_hashes)
                 AS batch(version, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
            ORDER BY batch.version
            RETURNING events.position, events.stream_version, events.transaction_id, events.previous_hash, events.hash
          )
          SELECT v_version - cardinality(p_event_ids), 0, inserted.position, inserted.stream_version,
                 inserted.transaction_id::text, inserted.previous_hash, inserted.hash
          FROM inserted ORDER BY inserted.stream_version;
      END
      $$
    `.execute(db);
    await sql`REVOKE ALL ON FUNCTION threatloom_append_events FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION threatloom_append_events TO threatloom_app`.execute(db);
  },
};
