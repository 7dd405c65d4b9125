import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Read models of threat models, maintained by the `model-read-model` projection.
 * Rows are keyed by model id plus the domain id of the entity. They hold no
 * truth of their own: `projections:rebuild` recreates them from the events.
 */
export const readModels: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table rm_models (
        model_id text primary key,
        stream_id text not null unique,
        name text not null,
        description text not null,
        organisation_id text,
        system_id text,
        is_frozen boolean not null,
        current_version integer not null,
        stream_version bigint not null,
        last_position bigint not null,
        updated_at timestamptz not null default now()
      )
    `.execute(db);
    await sql`
      create table rm_zones (
        model_id text not null,
        zone_id text not null,
        name text not null,
        trust text not null,
        parent_zone_id text,
        primary key (model_id, zone_id)
      )
    `.execute(db);
    await sql`
      create table rm_elements (
        model_id text not null,
        element_id text not null,
        kind text not null,
        name text not null,
        zone_id text not null,
        c4_level text not null,
        technology text not null,
        primary key (model_id, element_id)
      )
    `.execute(db);
    await sql`
      create table rm_flows (
        model_id text not null,
        flow_id text not null,
        name text not null,
        source_id text not null,
        destination_id text not null,
        data text not null,
        protocol text not null,
        primary key (model_id, flow_id)
      )
    `.execute(db);
    // Threats carry their score, mitigations and decision denormalised, so the
    // threat register page is one indexed range read with no joins.
    await sql`
      create table rm_threats (
        model_id text not null,
        threat_id text not null,
        ref integer not null,
        source_ref integer,
        title text not null,
        stride text not null,
        linddun text,
        target_kind text,
        target_id text,
        status text not null,
        score_method text,
        score_vector text,
        score double precision,
        severity text,
        stated_score double precision,
        mitigations jsonb not null,
        decision jsonb,
        primary key (model_id, threat_id)
      )
    `.execute(db);
    await sql`create index rm_threats_page on rm_threats (model_id, ref, threat_id)`.execute(db);
    await sql`create index rm_threats_severity_page on rm_threats (model_id, severity, ref, threat_id)`.execute(
      db,
    );
    for (const table of ['rm_models', 'rm_zones', 'rm_elements', 'rm_flows', 'rm_threats']) {
      // TRUNCATE is granted because these tables are disposable: rebuild empties them.
      await sql`grant select, insert, update, delete, truncate on ${sql.table(table)} to threatloom_app`.execute(
        db,
      );
    }
  },
};
