import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { NotFound, Unauthenticated } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import {
  decodeCursor,
  encodeCursor,
  pageById,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../graphql/pagination.js';
import { parseInput } from '../graphql/parse-input.js';
import { ModelRepository, type ModelRow } from './model.repository.js';
import type { Flow, ModelAsOfInput, ModelElement, ThreatModel, Zone } from './model.types.js';
import { pageArgsSchema } from '../graphql/page-args.js';
import { systemPermissionOf, type ModelState } from '@threatloom/domain';
import { ModelStateStore } from '../model-state/model-state.store.js';
import { parseAsOf, replayToPoint, type PastPoint } from './model-past.js';

/** `first`/`after` of a connection field. */
export type PageArgs = z.input<typeof pageArgsSchema>;

/** Maps a model read-model row to GraphQL. */
export function modelFromRow(row: ModelRow): ThreatModel {
  return {
    id: row.model_id,
    name: row.name,
    description: row.description,
    organisationId: row.organisation_id,
    systemId: row.system_id,
    isFrozen: row.is_frozen,
    currentVersion: row.current_version,
    streamVersion: Number(row.stream_version),
  };
}

/** Reads models and their zones, elements and flows from the read models. */
@Injectable()
export class ModelQueryService {
  constructor(
    private readonly database: DatabaseService,
    private readonly models: ModelRepository,
    private readonly states: ModelStateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One model by id, as it is now or, with `asOf`, as it was at a past point
   * of its stream (replayed; its lists are then read from that state).
   * NotFound when it does not exist or is not visible.
   */
  async get(
    scope: RequestScope,
    rawId: string,
    rawAsOf: ModelAsOfInput | null | undefined = null,
  ): Promise<ThreatModel> {
    const modelId = parseInput(modelIdSchema, rawId, 'id');
    const point = parseAsOf(rawAsOf);
    await scope.requireAccess(systemPermissionOf('Query.model'), [modelId]);
    if (point !== null) return this.asOf(scope, modelId, point);
    const row = await this.database.transaction(scope, (trx) => this.models.find(trx, modelId));
    if (row === undefined) throw new NotFound('Model', modelId, 'id');
    return modelFromRow(row);
  }

  /** The model replayed to a past point (access already checked). */
  private async asOf(scope: RequestScope, modelId: string, point: PastPoint): Promise<ThreatModel> {
    const { entry, point: reached } = await replayToPoint(this.states, scope, modelId, point, 'id');
    const state = entry.state;
    return {
      id: modelId,
      name: state.name,
      description: state.description,
      organisationId: state.organisationId,
      systemId: state.systemId,
      isFrozen: state.isFrozen,
      currentVersion: state.currentVersion,
      streamVersion: entry.streamVersion,
      asOf: reached,
      replayed: state,
    };
  }

  /** A page of the models visible to the caller, ordered by id. */
  async list(scope: RequestScope, rawArgs: PageArgs): Promise<ConnectionShape<ThreatModel>> {
    const args = parseInput(pageArgsSchema, rawArgs, '');
    // Listing needs no per-id check: row-level security limits the rows to the caller's organisations.
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const afterId = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    // Signed-in callers only (the operation table's 'signed_in'); bad arguments are named first.
    if (scope.userId === null) throw new Unauthenticated();
    return this.database.transaction(scope, async (trx) => {
      const rows = await this.models.page(trx, afterId, size + 1);
      const total = await this.models.count(trx);
      return toConnection(rows, size, total, (row) => encodeCursor([row.model_id]), modelFromRow);
    });
  }

  /** A page of a model's zones (of its replayed state for a model shown as of a past point). */
  async zones(
    scope: RequestScope,
    model: ThreatModel,
    rawArgs: PageArgs,
  ): Promise<ConnectionShape<Zone>> {
    const modelId = model.id;
    if (model.replayed)
      return this.statePage(rawArgs, model.replayed, (state) =>
        Object.values(state.zones).map((zone) => ({
          id: zone.id,
          name: zone.name,
          trust: zone.trust,
          parentZoneId: zone.parentZoneId,
        })),
      );
    return this.childPage(
      scope,
      modelId,
      rawArgs,
      'rm_zones',
      (trx, afterId, limit) => this.models.zones(trx, modelId, afterId, limit),
      (row) => row.zone_id,
      (row) => ({
        id: row.zone_id,
        name: row.name,
        trust: row.trust,
        parentZoneId: row.parent_zone_id,
      }),
    );
  }

  /** A page of a model's elements (of its replayed state for a model shown as of a past point). */
  async elements(
    scope: RequestScope,
    model: ThreatModel,
    rawArgs: PageArgs,
  ): Promise<ConnectionShape<ModelElement>> {
    const modelId = model.id;
    if (model.replayed)
      return this.statePage(rawArgs, model.replayed, (state) =>
        Object.values(state.elements).map((element) => ({
          id: element.id,
          kind: element.kind,
          name: element.name,
          zoneId: element.zoneId,
          c4Level: element.c4Level,
          technology: element.technology,
        })),
      );
    return this.childPage(
      scope,
      modelId,
      rawArgs,
      'rm_elements',
      (trx, afterId, limit) => this.models.elements(trx, modelId, afterId, limit),
      (row) => row.element_id,
      (row) => ({
        id: row.element_id,
        kind: row.kind,
        name: row.name,
        zoneId: row.zone_id,
        c4Level: row.c4_level,
        technology: row.technology,
      }),
    );
  }

  /** A page of a model's flows (of its replayed state for a model shown as of a past point). */
  async flows(
    scope: RequestScope,
    model: ThreatModel,
    rawArgs: PageArgs,
  ): Promise<ConnectionShape<Flow>> {
    const modelId = model.id;
    if (model.replayed)
      return this.statePage(rawArgs, model.replayed, (state) =>
        Object.values(state.flows).map((flow) => ({
          id: flow.id,
          name: flow.name,
          sourceId: flow.sourceId,
          destinationId: flow.destinationId,
          data: flow.data,
          protocol: flow.protocol,
          bidirectional: flow.bidirectional,
        })),
      );
    return this.childPage(
      scope,
      modelId,
      rawArgs,
      'rm_flows',
      (trx, afterId, limit) => this.models.flows(trx, modelId, afterId, limit),
      (row) => row.flow_id,
      (row) => ({
        id: row.flow_id,
        name: row.name,
        sourceId: row.source_id,
        destinationId: row.destination_id,
        data: row.data,
        protocol: row.protocol,
        bidirectional: row.bidirectional,
      }),
    );
  }

  /** A page of a list of a replayed state, ordered by id as the read models order it. */
  private statePage<Node extends { id: string }>(
    rawArgs: PageArgs,
    state: ModelState,
    select: (state: ModelState) => Node[],
  ): ConnectionShape<Node> {
    const args = parseInput(pageArgsSchema, rawArgs, '');
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const afterId = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    return pageById(select(state), size, afterId);
  }

  private async childPage<Row, Node>(
    scope: RequestScope,
    modelId: string,
    rawArgs: PageArgs,
    table: 'rm_zones' | 'rm_elements' | 'rm_flows',
    read: (
      trx: Parameters<Parameters<DatabaseService['transaction']>[1]>[0],
      afterId: string | null,
      limit: number,
    ) => Promise<Row[]>,
    idOf: (row: Row) => string,
    toNode: (row: Row) => Node,
  ): Promise<ConnectionShape<Node>> {
    const args = parseInput(pageArgsSchema, rawArgs, '');
    await scope.requireAccess(systemPermissionOf('Query.model'), [modelId]);
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const afterId = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    return this.database.transaction(scope, async (trx) => {
      const rows = await read(trx, afterId, size + 1);
      const total = await this.models.countChildren(trx, table, modelId);
      return toConnection(rows, size, total, (row) => encodeCursor([idOf(row)]), toNode);
    });
  }
}
