import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The sealed log (docs/tamper-evidence.md): `ledger_leaves`, one row per
 * sealed event in the store's global order, each row carrying the fields its
 * leaf hash covers, so the table can be checked against a signed root on its
 * own; and `ledger_checkpoints`, every signed checkpoint with the frontier the
 * next seal extends. Both are append-only, like `events`.
 */
export const ledgerMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE ledger_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        position bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        recorded_at text NOT NULL,
        event_hash text NOT NULL,
        leaf_hash text NOT NULL
      )
    `.execute(db);
    await sql`CREATE INDEX ledger_leaves_stream ON ledger_leaves (stream_id, stream_version)`.execute(
      db,
    );
    await sql`
      CREATE TABLE ledger_checkpoints (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
        checkpoint text NOT NULL,
        frontier text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `.execute(db);
    await sql`
      CREATE FUNCTION threatloom_reject_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the sealed log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `.execute(db);
    for (const table of ['ledger_leaves', 'ledger_checkpoints']) {
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_reject_update_delete`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION threatloom_reject_ledger_change()
      `.execute(db);
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_reject_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION threatloom_reject_ledger_change()
      `.execute(db);
      await sql`REVOKE ALL ON ${sql.table(table)} FROM PUBLIC`.execute(db);
      await sql`GRANT SELECT, INSERT ON ${sql.table(table)} TO threatloom_app`.execute(db);
    }
  },
};
