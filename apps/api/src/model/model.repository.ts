import { Injectable } from '@nestjs/common';
import type { Kysely, Selectable } from 'kysely';
import type {
  ApiTables,
  ReadModelElementsTable,
  ReadModelFlowsTable,
  ReadModelModelsTable,
  ReadModelZonesTable,
} from '../database/database-schema.js';

export type ModelRow = Selectable<ReadModelModelsTable>;
export type ZoneRow = Selectable<ReadModelZonesTable>;
export type ElementRow = Selectable<ReadModelElementsTable>;
export type FlowRow = Selectable<ReadModelFlowsTable>;

/** Reads the model, zone, element and flow read models. */
@Injectable()
export class ModelRepository {
  /** Whether the model has a read-model row (i.e. exists and is projected). */
  async exists(db: Kysely<ApiTables>, modelId: string): Promise<boolean> {
    const row = await db
      .selectFrom('rm_models')
      .select('model_id')
      .where('model_id', '=', modelId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The model's row, or undefined. */
  async find(db: Kysely<ApiTables>, modelId: string): Promise<ModelRow | undefined> {
    return db
      .selectFrom('rm_models')
      .selectAll()
      .where('model_id', '=', modelId)
      .executeTakeFirst();
  }

  /** Up to `limit` models after `afterId`, ordered by id. */
  async page(db: Kysely<ApiTables>, afterId: string | null, limit: number): Promise<ModelRow[]> {
    return db
      .selectFrom('rm_models')
      .selectAll()
      .$if(afterId !== null, (qb) => qb.where('model_id', '>', afterId ?? ''))
      .orderBy('model_id')
      .limit(limit)
      .execute();
  }

  /** Number of models visible in this transaction. */
  async count(db: Kysely<ApiTables>): Promise<number> {
    const row = await db
      .selectFrom('rm_models')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Up to `limit` zones of a model after `afterId`, ordered by id. */
  async zones(
    db: Kysely<ApiTables>,
    modelId: string,
    afterId: string | null,
    limit: number,
  ): Promise<ZoneRow[]> {
    return db
      .selectFrom('rm_zones')
      .selectAll()
      .where('model_id', '=', modelId)
      .$if(afterId !== null, (qb) => qb.where('zone_id', '>', afterId ?? ''))
      .orderBy('zone_id')
      .limit(limit)
      .execute();
  }

  /** Up to `limit` elements of a model after `afterId`, ordered by id. */
  async elements(
    db: Kysely<ApiTables>,
    modelId: string,
    afterId: string | null,
    limit: number,
  ): Promise<ElementRow[]> {
    return db
      .selectFrom('rm_elements')
      .selectAll()
      .where('model_id', '=', modelId)
      .$if(afterId !== null, (qb) => qb.where('element_id', '>', afterId ?? ''))
      .orderBy('element_id')
      .limit(limit)
      .execute();
  }

  /** Up to `limit` flows of a model after `afterId`, ordered by id. */
  async flows(
    db: Kysely<ApiTables>,
    modelId: string,
    afterId: string | null,
    limit: number,
  ): Promise<FlowRow[]> {
    return db
      .selectFrom('rm_flows')
      .selectAll()
      .where('model_id', '=', modelId)
      .$if(afterId !== null, (qb) => qb.where('flow_id', '>', afterId ?? ''))
      .orderBy('flow_id')
      .limit(limit)
      .execute();
  }

  /** Number of rows of one of a model's child tables. */
  async countChildren(
    db: Kysely<ApiTables>,
    table: 'rm_zones' | 'rm_elements' | 'rm_flows',
    modelId: string,
  ): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('model_id', '=', modelId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
