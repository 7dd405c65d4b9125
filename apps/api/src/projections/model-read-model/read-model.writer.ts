import type { Insertable, Kysely } from 'kysely';
import type {
  ApiTables,
  ReadModelElementsTable,
  ReadModelFlowsTable,
  ReadModelModelsTable,
  ReadModelThreatsTable,
  ReadModelZonesTable,
} from '../../database/database-schema.js';

const UPSERT_CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK)
    result.push(rows.slice(start, start + UPSERT_CHUNK));
  return result;
}

/** The SQL of the model read model: multi-row upserts and deletes keyed by (model, entity id). */
export class ReadModelWriter {
  /** Inserts or replaces the model row. */
  async upsertModel(db: Kysely<ApiTables>, row: Insertable<ReadModelModelsTable>): Promise<void> {
    const { model_id: _modelId, ...changes } = row;
    await db
      .insertInto('rm_models')
      .values(row)
      .onConflict((oc) => oc.column('model_id').doUpdateSet({ ...changes, updated_at: new Date() }))
      .execute();
  }

  /** Inserts or replaces zone rows. */
  async upsertZones(
    db: Kysely<ApiTables>,
    rows: readonly Insertable<ReadModelZonesTable>[],
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      await db
        .insertInto('rm_zones')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['model_id', 'zone_id']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            trust: eb.ref('excluded.trust'),
            parent_zone_id: eb.ref('excluded.parent_zone_id'),
          })),
        )
        .execute();
    }
  }

  /** Inserts or replaces element rows. */
  async upsertElements(
    db: Kysely<ApiTables>,
    rows: readonly Insertable<ReadModelElementsTable>[],
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      await db
        .insertInto('rm_elements')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['model_id', 'element_id']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            zone_id: eb.ref('excluded.zone_id'),
            c4_level: eb.ref('excluded.c4_level'),
            technology: eb.ref('excluded.technology'),
          })),
        )
        .execute();
    }
  }

  /** Inserts or replaces flow rows. */
  async upsertFlows(
    db: Kysely<ApiTables>,
    rows: readonly Insertable<ReadModelFlowsTable>[],
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      await db
        .insertInto('rm_flows')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['model_id', 'flow_id']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            source_id: eb.ref('excluded.source_id'),
            destination_id: eb.ref('excluded.destination_id'),
            data: eb.ref('excluded.data'),
            protocol: eb.ref('excluded.protocol'),
            bidirectional: eb.ref('excluded.bidirectional'),
          })),
        )
        .execute();
    }
  }

  /** Inserts or replaces threat rows. */
  async upsertThreats(
    db: Kysely<ApiTables>,
    rows: readonly Insertable<ReadModelThreatsTable>[],
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      await db
        .insertInto('rm_threats')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['model_id', 'threat_id']).doUpdateSet((eb) => ({
            ref: eb.ref('excluded.ref'),
            source_ref: eb.ref('excluded.source_ref'),
            title: eb.ref('excluded.title'),
            stride: eb.ref('excluded.stride'),
            linddun: eb.ref('excluded.linddun'),
            target_kind: eb.ref('excluded.target_kind'),
            target_id: eb.ref('excluded.target_id'),
            status: eb.ref('excluded.status'),
            score_method: eb.ref('excluded.score_method'),
            score_vector: eb.ref('excluded.score_vector'),
            score: eb.ref('excluded.score'),
            severity: eb.ref('excluded.severity'),
            stated_score: eb.ref('excluded.stated_score'),
            mitigations: eb.ref('excluded.mitigations'),
            decision: eb.ref('excluded.decision'),
          })),
        )
        .execute();
    }
  }

  /** Deletes rows of removed entities. */
  async delete(
    db: Kysely<ApiTables>,
    table: 'rm_zones' | 'rm_elements' | 'rm_flows' | 'rm_threats',
    modelId: string,
    ids: readonly string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const idColumn = {
      rm_zones: 'zone_id',
      rm_elements: 'element_id',
      rm_flows: 'flow_id',
      rm_threats: 'threat_id',
    }[table] as 'zone_id';
    await db
      .deleteFrom(table as 'rm_zones')
      .where('model_id', '=', modelId)
      .where(idColumn, 'in', [...ids])
      .execute();
  }
}
