import { Inject, Injectable } from '@nestjs/common';
import {
  type ModelState,
  severitySchema,
  strideCategorySchema,
  threatStatusSchema,
  systemPermissionOf,
} from '@threatloom/domain';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { NotFound } from '../errors/app-error.js';
import { parseInput } from '../graphql/parse-input.js';
import { modelIdSchema } from '../graphql/ids.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../graphql/pagination.js';
import { ModelRepository } from '../model/model.repository.js';
import { threatFromRow } from './threat.mapper.js';
import { threatRow } from '../projections/model-read-model/model-rows.js';
import { ThreatRepository, type ThreatRow } from './threat.repository.js';
import type { Threat } from './threat.types.js';
import { pageArgsSchema } from '../graphql/page-args.js';

const listArgsSchema = pageArgsSchema.extend({
  modelId: modelIdSchema,
  filter: z
    .object({
      severity: z.array(severitySchema).max(5).nullish(),
      stride: z.array(strideCategorySchema).max(6).nullish(),
      status: z.array(threatStatusSchema).max(20).nullish(),
    })
    .nullish(),
});

/** Arguments of the `threats` query, as GraphQL delivers them (validated by the service). */
export interface ListThreatsArgs {
  modelId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?:
    | { severity?: string[] | null; stride?: string[] | null; status?: string[] | null }
    | null
    | undefined;
}

/** The threat register: pages of a model's threats with scores, mitigations and decisions. */
@Injectable()
export class ThreatService {
  constructor(
    private readonly database: DatabaseService,
    private readonly threats: ThreatRepository,
    private readonly models: ModelRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One page of a model's threats in ref order, read from the threat read model. */
  async list(scope: RequestScope, rawArgs: ListThreatsArgs): Promise<ConnectionShape<Threat>> {
    const args = parseInput(listArgsSchema, rawArgs, '');
    const criteria = args.filter ?? {};
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const cursor = args.after ? decodeCursor(args.after, 2) : null;
    const after = cursor === null ? null : { ref: Number(cursor[0]), threatId: String(cursor[1]) };
    // The access check and the page read go out as one batch: one transaction
    // and one round trip, with the same row-level-security settings. The page
    // is used only once the check has passed.
    const access = scope.prepareAccess(systemPermissionOf('Query.threats'), [args.modelId]);
    const results = await this.database.readBatch(scope, [
      ...access.statements,
      this.threats.pageStatement(this.database.db, args.modelId, criteria, after, size + 1),
    ]);
    await access.complete(results.slice(0, access.statements.length));
    const rows = (results[access.statements.length] ?? []) as ThreatRow[];
    // Only an empty page needs the extra query telling "no such model" from "no more threats".
    if (
      rows.length === 0 &&
      !(await this.database.readTransaction(scope, (trx) => this.models.exists(trx, args.modelId)))
    ) {
      throw new NotFound('Model', args.modelId, 'modelId');
    }
    return toConnection(
      rows,
      size,
      // Counted only when the client selects totalCount.
      () =>
        this.database.readTransaction(scope, (trx) =>
          this.threats.count(trx, args.modelId, criteria),
        ),
      (row) => encodeCursor([row.ref, row.threat_id]),
      threatFromRow,
    );
  }

  /**
   * A page of the threats of a model's past state (Query.model with asOf), in
   * the order and with the cursors and filter of `list`. The caller checked
   * access when it replayed the state.
   */
  listFromState(
    modelId: string,
    state: ModelState,
    rawArgs: Omit<ListThreatsArgs, 'modelId'>,
  ): ConnectionShape<Threat> {
    const args = parseInput(listArgsSchema, { ...rawArgs, modelId }, '');
    const criteria = args.filter ?? {};
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const cursor = args.after ? decodeCursor(args.after, 2) : null;
    const keeps = (values: readonly string[] | null | undefined, value: string | null) =>
      !values?.length || (value !== null && values.includes(value));
    const rows: ThreatRow[] = Object.values(state.threats)
      .map((threat) => {
        const row = threatRow(modelId, state, threat);
        return {
          ...row,
          mitigations: JSON.parse(row.mitigations as string),
          decision: JSON.parse(row.decision as string),
        } as ThreatRow;
      })
      .filter(
        (row) =>
          keeps(criteria.severity, row.severity) &&
          keeps(criteria.stride, row.stride) &&
          keeps(criteria.status, row.status),
      )
      .sort(
        (a, b) =>
          a.ref - b.ref || (a.threat_id < b.threat_id ? -1 : a.threat_id > b.threat_id ? 1 : 0),
      );
    const start =
      cursor === null
        ? 0
        : rows.findIndex(
            (row) =>
              row.ref > Number(cursor[0]) ||
              (row.ref === Number(cursor[0]) && row.threat_id > String(cursor[1])),
          );
    const rest = start === -1 ? [] : rows.slice(start);
    return toConnection(
      rest.slice(0, size + 1),
      size,
      rows.length,
      (row) => encodeCursor([row.ref, row.threat_id]),
      threatFromRow,
    );
  }
}
