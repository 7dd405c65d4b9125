import { Inject, Injectable } from '@nestjs/common';
import {
  attackTreeFeasibility,
  closureChecklist,
  contentOf,
  nodeFeasibility,
  type AttackTree,
  type Mitigation,
  type ModelContent,
  type ModelState,
  type RiskDecision,
  systemPermissionOf,
} from '@threatloom/domain';
import {
  readCheckpointSealing,
  type SignedCheckpoint,
  type StoredEvent,
} from '@threatloom/eventstore';
import type { RequestScope } from '../access/request-scope.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { rolesOf } from '../history/decision-log.service.js';
import {
  decodeCursor,
  encodeCursor,
  pageById,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../graphql/pagination.js';
import { parseInput } from '../graphql/parse-input.js';
import type {
  Assumption,
  ModelAsset,
  ModelAttackTree,
  ModelMitigation,
  ModelRiskDecision,
  ModelSettings,
  RiskMatrix,
  ModelVersion,
  ScopeExclusion,
} from './model-content.types.js';
import type { PageArgs } from './model-query.service.js';
import { modelStreamId } from './model-stream.js';
import type { ThreatModel } from './model.types.js';

/** The model a list belongs to: its id, and its past state when shown as of a past point. */
type ModelRef = Pick<ThreatModel, 'id' | 'replayed'>;
import { ModelStateStore } from '../model-state/model-state.store.js';
import { pageArgsSchema } from '../graphql/page-args.js';

function mitigationNode(state: ModelState, mitigation: Mitigation): ModelMitigation {
  const effectiveness = mitigation.effectiveness;
  return {
    ...mitigation,
    threats: mitigation.threatIds.map((threatId) => {
      const threat = state.threats[threatId];
      return { id: threatId, ref: threat?.ref ?? null, title: threat?.title ?? null };
    }),
    effectiveness: typeof effectiveness === 'number' ? effectiveness : null,
    effectivenessLevel: typeof effectiveness === 'string' ? effectiveness : null,
  };
}

function decisionNode(decision: RiskDecision): ModelRiskDecision {
  return { ...decision };
}

function attackTreeNode(tree: AttackTree): ModelAttackTree {
  return {
    id: tree.id,
    threatId: tree.threatId,
    rootNodeId: tree.rootNodeId,
    feasibility: attackTreeFeasibility(tree),
    nodes: Object.values(tree.nodes)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((node) => ({
        id: node.id,
        parentId: node.parentId,
        kind: node.kind,
        label: node.label,
        feasibility: nodeFeasibility(tree, node.id),
      })),
  };
}

/**
 * Lists of a model that have no read-model table (assets, assumptions, scope
 * exclusions, mitigations, risk decisions, attack trees, versions): read from
 * the model's state in the per-model state cache, as the computed views are,
 * or from the past state of a model shown as of a past point.
 */
@Injectable()
export class ModelContentQueryService {
  constructor(
    private readonly states: ModelStateStore,
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Assets, ordered by id. */
  assets(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<ModelAsset>> {
    return this.byId(scope, model, page, (state) => Object.values(state.assets));
  }

  /** Assumptions, ordered by id. */
  assumptions(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<Assumption>> {
    return this.byId(scope, model, page, (state) => Object.values(state.assumptions));
  }

  /** Scope exclusions, ordered by id. */
  scopeExclusions(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<ScopeExclusion>> {
    return this.byId(scope, model, page, (state) => Object.values(state.scopeExclusions));
  }

  /** Mitigations with the threats each addresses, ordered by id. */
  mitigations(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<ModelMitigation>> {
    return this.byId(scope, model, page, (state) =>
      Object.values(state.mitigations).map((mitigation) => mitigationNode(state, mitigation)),
    );
  }

  /** Risk decisions, revoked ones included, ordered by id. */
  riskDecisions(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<ModelRiskDecision>> {
    return this.byId(scope, model, page, (state) =>
      Object.values(state.decisions).map(decisionNode),
    );
  }

  /** Attack trees with their nodes and computed feasibility, ordered by id. */
  attackTrees(
    scope: RequestScope,
    model: ModelRef,
    page: PageArgs,
  ): Promise<ConnectionShape<ModelAttackTree>> {
    return this.byId(scope, model, page, (state) =>
      Object.values(state.attackTrees).map(attackTreeNode),
    );
  }

  /** The model's whole content (the domain's ModelContent), as plain JSON. */
  async content(scope: RequestScope, model: ModelRef): Promise<ModelContent> {
    await scope.requireAccess(systemPermissionOf('Query.model'), [model.id]);
    return contentOf(await this.state(scope, model));
  }

  /** The model's severity bands, approval threshold, risk matrix and ticket-link rule. */
  async settings(scope: RequestScope, model: ModelRef): Promise<ModelSettings> {
    await scope.requireAccess(systemPermissionOf('Query.model'), [model.id]);
    const { severityBands, approvalThreshold, riskMatrix, requiresTicketLinks } = (
      await this.state(scope, model)
    ).settings;
    return {
      severityBands: severityBands.map((band) => ({ ...band })),
      approvalThreshold,
      requiresTicketLinks,
      riskMatrix: riskMatrix === null ? null : (structuredClone(riskMatrix) as RiskMatrix),
    };
  }

  /**
   * Frozen versions, oldest first, each with where and by whom (organisation,
   * roles) it was frozen and signed off, its checklist result and the first
   * signed checkpoint that sealed it.
   */
  async versions(
    scope: RequestScope,
    model: ModelRef,
    rawPage: PageArgs,
  ): Promise<ConnectionShape<ModelVersion>> {
    const { size, after } = await this.prepare(scope, model.id, rawPage);
    const afterNumber = after === null ? null : Number(after);
    const state = await this.state(scope, model);
    const versions = [...state.versions].sort((a, b) => a.number - b.number);
    const rows = versions.filter((version) => afterNumber === null || version.number > afterNumber);
    const page = rows.slice(0, size + 1);
    const records = page.length === 0 ? new Map() : await this.versionEvents(scope, model.id);
    const checkpoints = new Map<number, SignedCheckpoint | undefined>();
    for (const version of page.slice(0, size)) {
      const frozen = records.get(`frozen:${version.number}`);
      checkpoints.set(
        version.number,
        frozen === undefined
          ? undefined
          : await readCheckpointSealing(
              this.database.db,
              modelStreamId(model.id),
              frozen.streamVersion,
            ),
      );
    }
    return toConnection(
      page,
      size,
      versions.length,
      (version) => encodeCursor([version.number]),
      (version): ModelVersion => {
        const frozen = records.get(`frozen:${version.number}`);
        const signed = records.get(`signed:${version.number}`);
        const checklist = closureChecklist(version.snapshot, { asOf: version.frozenAt });
        const checkpoint = checkpoints.get(version.number);
        return {
          number: version.number,
          label: version.label,
          frozenAt: version.frozenAt,
          frozenBy: version.frozenBy,
          signedOff:
            version.signedOff === null
              ? null
              : {
                  ...version.signedOff,
                  organisation: signed?.metadata.organisation ?? null,
                  roles: signed === undefined ? null : rolesOf(signed),
                  position: signed?.position ?? null,
                },
          frozenPosition: frozen?.position ?? null,
          frozenOrganisation: frozen?.metadata.organisation ?? null,
          frozenRoles: frozen === undefined ? null : rolesOf(frozen),
          checklist: {
            passed: checklist.passed,
            passedCount: checklist.passedCount,
            itemCount: checklist.items.length,
            failedItems: checklist.items.filter((item) => !item.passed).map((item) => item.id),
          },
          checkpoint:
            checkpoint === undefined
              ? null
              : {
                  treeSize: checkpoint.treeSize,
                  rootHash: checkpoint.rootHash,
                  sealedAt: checkpoint.sealedAt,
                  keyId: checkpoint.keyId,
                },
        };
      },
    );
  }

  /** The model's freeze and sign-off events, keyed `frozen:<n>` and `signed:<n>`. */
  private async versionEvents(
    scope: RequestScope,
    modelId: string,
  ): Promise<Map<string, StoredEvent>> {
    const events = await this.database.transaction(scope, (trx) =>
      this.database.eventStore.readStream(modelStreamId(modelId), {
        types: ['ModelVersionFrozen', 'ModelVersionSignedOff'],
        transaction: trx,
      }),
    );
    const byVersion = new Map<string, StoredEvent>();
    for (const event of events) {
      const number = (event.data as { versionNumber?: unknown }).versionNumber;
      if (typeof number !== 'number') continue;
      byVersion.set(
        `${event.type === 'ModelVersionFrozen' ? 'frozen' : 'signed'}:${number}`,
        event,
      );
    }
    return byVersion;
  }

  private async byId<Node extends { id: string }>(
    scope: RequestScope,
    model: ModelRef,
    rawPage: PageArgs,
    select: (state: ModelState) => Node[],
  ): Promise<ConnectionShape<Node>> {
    const { size, after } = await this.prepare(scope, model.id, rawPage);
    return pageById(
      select(await this.state(scope, model)),
      size,
      after === null ? null : String(after),
    );
  }

  /** Validates the page arguments and checks read access, before anything is read. */
  private async prepare(
    scope: RequestScope,
    modelId: string,
    rawPage: PageArgs,
  ): Promise<{ size: number; after: string | number | null }> {
    const page = parseInput(pageArgsSchema, rawPage, '');
    await scope.requireAccess(systemPermissionOf('Query.model'), [modelId]);
    const size = pageSize(page.first, this.config.graphql.maxPageSize);
    const after = page.after ? (decodeCursor(page.after, 1)[0] ?? null) : null;
    return { size, after };
  }

  /** The model's current state, or the past one it was replayed to (Query.model with asOf). */
  private async state(scope: RequestScope, model: ModelRef): Promise<ModelState> {
    return model.replayed ?? (await this.states.current(scope, model.id, 'id')).state;
  }
}
