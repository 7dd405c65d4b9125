import { Injectable } from '@nestjs/common';
import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import { statementTemplate } from '../database/statement-template.js';
import type { ApiTables, ReadModelThreatsTable } from '../database/database-schema.js';

/** A stored threat row of the read model. */
export type ThreatRow = Selectable<ReadModelThreatsTable>;

/** Criteria a threat page can be narrowed by (all optional). */
export interface ThreatCriteria {
  severity?: readonly string[] | null;
  stride?: readonly string[] | null;
  status?: readonly string[] | null;
}

const firstPageTemplate = statementTemplate(
  (db: Kysely<ApiTables>, modelId: string, limit: number) =>
    db
      .selectFrom('rm_threats')
      .selectAll()
      .where('model_id', '=', modelId)
      .orderBy('ref')
      .orderBy('threat_id')
      .limit(limit),
);

const nextPageTemplate = statementTemplate(
  (
    db: Kysely<ApiTables>,
    modelId: string,
    afterRef: number,
    afterThreatId: string,
    limit: number,
  ) =>
    db
      .selectFrom('rm_threats')
      .selectAll()
      .where('model_id', '=', modelId)
      .where((eb) => eb(eb.refTuple('ref', 'threat_id'), '>', eb.tuple(afterRef, afterThreatId)))
      .orderBy('ref')
      .orderBy('threat_id')
      .limit(limit),
);

/** Reads the threat register read model (rm_threats); the only SQL on that table outside the projection. */
@Injectable()
export class ThreatRepository {
  /**
   * Up to `limit` threats of a model after the (ref, id) cursor, in ref order
   * (one range scan on the rm_threats_page index), as a statement for
   * DatabaseService.readBatch. Without criteria (the register's usual page)
   * its text is fixed, so it runs prepared; criteria lists vary in length, so
   * a narrowed page runs unprepared.
   */
  pageStatement(
    db: Kysely<ApiTables>,
    modelId: string,
    criteria: ThreatCriteria,
    after: { ref: number; threatId: string } | null,
    limit: number,
  ): CompiledQuery<ThreatRow> {
    const isNarrowed = [criteria.severity, criteria.stride, criteria.status].some(
      (values) => (values?.length ?? 0) > 0,
    );
    if (isNarrowed) return this.pageQuery(db, modelId, criteria, after, limit).compile();
    return after === null
      ? firstPageTemplate(db, modelId, limit)
      : nextPageTemplate(db, modelId, after.ref, after.threatId, limit);
  }

  private pageQuery(
    db: Kysely<ApiTables>,
    modelId: string,
    criteria: ThreatCriteria,
    after: { ref: number; threatId: string } | null,
    limit: number,
  ) {
    let query = db
      .selectFrom('rm_threats')
      .selectAll()
      .where('model_id', '=', modelId)
      .$if(Boolean(criteria.severity?.length), (qb) =>
        qb.where('severity', 'in', criteria.severity ?? []),
      )
      .$if(Boolean(criteria.stride?.length), (qb) =>
        qb.where('stride', 'in', criteria.stride ?? []),
      )
      .$if(Boolean(criteria.status?.length), (qb) =>
        qb.where('status', 'in', criteria.status ?? []),
      );
    if (after !== null) {
      // A row comparison, so PostgreSQL starts the index range scan right at the cursor.
      query = query.where((eb) =>
        eb(eb.refTuple('ref', 'threat_id'), '>', eb.tuple(after.ref, after.threatId)),
      );
    }
    return query.orderBy('ref').orderBy('threat_id').limit(limit);
  }

  /** Number of threats of a model matching `criteria`. */
  async count(db: Kysely<ApiTables>, modelId: string, criteria: ThreatCriteria): Promise<number> {
    const row = await db
      .selectFrom('rm_threats')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('model_id', '=', modelId)
      .$if(Boolean(criteria.severity?.length), (qb) =>
        qb.where('severity', 'in', criteria.severity ?? []),
      )
      .$if(Boolean(criteria.stride?.length), (qb) =>
        qb.where('stride', 'in', criteria.stride ?? []),
      )
      .$if(Boolean(criteria.status?.length), (qb) =>
        qb.where('status', 'in', criteria.status ?? []),
      )
      .executeTakeFirstOrThrow();
    // count(*) is a string on pg and a number on PGlite.
    return Number(row.count);
  }
}
