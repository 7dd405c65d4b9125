import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { PageArgsInput } from '../graphql/page-args.js';
import { pageCost } from '../graphql/page-cost.js';
import { STREAM_COSTS, streamCost } from '../graphql/stream-cost.js';
import type { ConnectionShape } from '../graphql/pagination.js';
import { HistoryService } from './history.service.js';
import { DecisionLogService } from './decision-log.service.js';
import {
  DecisionLogConnection,
  DecisionLogFilter,
  type DecisionLogEntry,
} from './decision-log.types.js';
import {
  HistoryVerification,
  ModelHistoryConnection,
  type ModelHistoryEvent,
} from './history.types.js';

/** The audit view of a model: its stored events and their verification. */
@Resolver()
export class HistoryResolver {
  constructor(
    private readonly history: HistoryService,
    private readonly decisions: DecisionLogService,
  ) {}

  /** The model's decisions, oldest first; needs the audit permission. */
  @Query(() => DecisionLogConnection, {
    complexity: (options) => STREAM_COSTS.decisionLog + (pageCost(options) ?? 0),
    description:
      'The model\'s decision log, oldest first: every score, strategy, ownership, acceptance, transfer, approval, revocation, "no threats" declaration, attestation, freeze and sign-off, with who took it, for which organisation, in which roles, when and why, and the position to see the model at that moment. Needs the audit permission (auditor share, risk owner or admin).',
  })
  decisionLog(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('filter', { type: () => DecisionLogFilter, nullable: true })
    filter: DecisionLogFilter | null,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<DecisionLogEntry>> {
    return this.decisions.page(scope, { modelId, filter, first: page.first, after: page.after });
  }

  /** The decision log as CSV; needs the audit permission. */
  @Query(() => String, {
    complexity: streamCost('decisionLog'),
    description:
      'The decision log kept by the filter as CSV (RFC 4180, header row, oldest first; cells that would start a spreadsheet formula are prefixed with an apostrophe). Needs the audit permission.',
  })
  decisionLogCsv(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('filter', { type: () => DecisionLogFilter, nullable: true })
    filter: DecisionLogFilter | null,
  ): Promise<string> {
    return this.decisions.csv(scope, { modelId, filter });
  }

  /** The model's events as stored, oldest first; needs the audit permission. */
  @Query(() => ModelHistoryConnection, {
    complexity: pageCost,
    description:
      "The model's events as stored, oldest first, with actor, time and hash links. Needs the audit permission (auditor share, risk owner or admin).",
  })
  modelHistory(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelHistoryEvent>> {
    return this.history.events(scope, { modelId, first: page.first, after: page.after });
  }

  /** Checks the model's events against their hash chain and the latest signed checkpoint. */
  @Query(() => HistoryVerification, {
    complexity: streamCost('verifyModelHistory'),
    description:
      "Checks the model's stored events against their hash chain and the latest signed checkpoint of the event log, naming every altered, inserted, deleted or reordered event and every broken link. Needs the audit permission.",
  })
  verifyModelHistory(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
  ): Promise<HistoryVerification> {
    return this.history.verify(scope, modelId);
  }

  /** Proofs that the model's sealed events are in the latest checkpoint. */
  @Query(() => JsonScalar, {
    complexity: streamCost('modelHistoryProof'),
    description:
      "The latest signed checkpoint of the event log, an inclusion proof (RFC 9162 audit path) for every sealed event of the model, and the proof of the model's stream head: { checkpoint, inclusions: [{ leaf, leafIndex, treeSize, path }], streamHeads: [{ head, index, treeSize, path }] }. With the events of modelHistory and the key at /.well-known/threatloom/checkpoint-key, anyone can check them (docs/tamper-evidence.md). NOT_FOUND before the first seal. Needs the audit permission.",
  })
  modelHistoryProof(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
  ): Promise<unknown> {
    return this.history.proof(scope, modelId);
  }
}
