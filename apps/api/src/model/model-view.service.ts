import { Injectable } from '@nestjs/common';
import {
  checklistItemSteps,
  checklistOf,
  contentOf,
  diffModels,
  initialState,
  strideMatrixSteps,
  type ChecklistItem as DomainChecklistItem,
  type ModelState,
  systemPermissionOf,
} from '@threatloom/domain';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import { ValidationError } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import { parseInput } from '../graphql/parse-input.js';
import { ModelStateStore } from '../model-state/model-state.store.js';
import { ModelViewCache } from '../model-state/model-view-cache.js';
import { afterTurnBudget } from '../event-loop/turn-budget.js';
import type { Checklist, ModelDiff, StrideMatrix } from './model-views.types.js';
import { parseAsOf, replayToPoint } from './model-past.js';
import type { ModelAsOfInput } from './model.types.js';

const positionSchema = z.number().int().min(0, { error: 'expected a global position (0 or more)' });

/** The first instant after `nowMs` at which a live risk decision expires (Infinity: none). */
function nextExpiryMs(state: ModelState, nowMs: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const decision of Object.values(state.decisions)) {
    if (decision.revoked !== null || decision.expiresAt === null) continue;
    const expiresMs = Date.parse(decision.expiresAt);
    if (expiresMs > nowMs && expiresMs < next) next = expiresMs;
  }
  return next;
}

/** The STRIDE-per-element matrix of a state, built a step at a time within the turn budget. */
async function strideMatrixOf(state: ModelState): Promise<StrideMatrix> {
  const built = strideMatrixSteps(contentOf(state));
  for (const step of built.steps) {
    await afterTurnBudget();
    step();
  }
  const matrix = built.matrix();
  return {
    columns: [...matrix.columns],
    unassigned: matrix.unassigned,
    rows: matrix.rows.map((row) => ({
      ...row,
      cells: Object.entries(row.cells).map(([category, refs]) => ({ category, refs })),
    })),
  };
}

/** The closure checklist of a state judged at `asOf` (ISO 8601), an item at a time. */
async function checklistAt(state: ModelState, asOf: string): Promise<Checklist> {
  const items: DomainChecklistItem[] = [];
  for (const step of checklistItemSteps(contentOf(state), { asOf })) {
    await afterTurnBudget();
    items.push(step());
  }
  const result = checklistOf(items);
  return {
    ...result,
    items: result.items.map((item) => ({
      ...item,
      offenders: item.offenders.map((offender) => ({ ...offender, ref: offender.ref ?? null })),
    })),
  };
}

/**
 * Views computed by the domain from a model's state: the STRIDE matrix, the
 * closure checklist and the diff between two points of its history. The
 * state comes from the per-model state cache and each view is cached by what
 * it depends on (ADR 0011); access is checked before either is touched.
 * The matrix and the checklist are computed a step at a time (the domain's
 * `strideMatrixSteps`, `checklistItemSteps`) within the turn budget, so a
 * large model's view does not hold the event loop in one block.
 */
@Injectable()
export class ModelViewService {
  constructor(
    private readonly states: ModelStateStore,
    private readonly views: ModelViewCache,
  ) {}

  /**
   * The STRIDE-per-element matrix of the model's current state or, with
   * `asOf`, of its state at that past point.
   */
  async strideMatrix(
    scope: RequestScope,
    rawModelId: string,
    rawAsOf: ModelAsOfInput | null = null,
  ): Promise<StrideMatrix> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    const point = parseAsOf(rawAsOf);
    await scope.requireAccess(systemPermissionOf('Query.strideMatrix'), [modelId]);
    const entry =
      point === null
        ? await this.states.current(scope, modelId)
        : (await replayToPoint(this.states, scope, modelId, point, 'modelId')).entry;
    // Keyed by the last change that was not layout alone: past and present states share it.
    return this.views.get(
      `${modelId}:strideMatrix:${entry.semanticVersion}`,
      Date.now(),
      async () => ({
        value: await strideMatrixOf(entry.state),
        validUntilMs: Number.POSITIVE_INFINITY,
      }),
    );
  }

  /**
   * The closure checklist of the model's current state, with risk decisions
   * whose expiry has passed counted as lapsed; with `asOf`, of its state at
   * that past point, judged as of that moment (the time asked for, or the
   * time of the last event at or before the position asked for).
   */
  async checklist(
    scope: RequestScope,
    rawModelId: string,
    rawAsOf: ModelAsOfInput | null = null,
  ): Promise<Checklist> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    const point = parseAsOf(rawAsOf);
    await scope.requireAccess(systemPermissionOf('Query.checklist'), [modelId]);
    if (point !== null) {
      const past = await replayToPoint(this.states, scope, modelId, point, 'modelId');
      const judgedAt = point.time ?? past.point.recordedAt;
      return checklistAt(past.entry.state, judgedAt);
    }
    const entry = await this.states.current(scope, modelId);
    const nowMs = Date.now();
    return this.views.get(`${modelId}:checklist:${entry.semanticVersion}`, nowMs, async () => ({
      value: await checklistAt(entry.state, new Date(nowMs).toISOString()),
      validUntilMs: nextExpiryMs(entry.state, nowMs),
    }));
  }

  /** What changed between the model as of `fromPosition` and as of `toPosition` (global positions). */
  async diff(
    scope: RequestScope,
    rawModelId: string,
    rawFrom: number,
    rawTo: number,
  ): Promise<ModelDiff> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    const fromPosition = parseInput(positionSchema, rawFrom, 'fromPosition');
    const toPosition = parseInput(positionSchema, rawTo, 'toPosition');
    if (toPosition < fromPosition)
      throw new ValidationError('toPosition', 'a position at or after fromPosition');
    await scope.requireAccess(systemPermissionOf('Query.modelDiff'), [modelId]);
    // The head version is in the key: until it moves, both points are settled history.
    const head = await this.states.current(scope, modelId);
    return this.views.get(
      `${modelId}:diff:${fromPosition}:${toPosition}:${head.streamVersion}`,
      Date.now(),
      async () => {
        const [before, after] = await this.statesAt(scope, modelId, fromPosition, toPosition);
        const diff = diffModels(contentOf(before), contentOf(after));
        return {
          value: { fromPosition, toPosition, ...diff },
          validUntilMs: Number.POSITIVE_INFINITY,
        };
      },
    );
  }

  /**
   * The model as of two global positions, each replayed from the newest
   * state, snapshot or milestone at or before it (the empty model before the
   * model's first event).
   */
  private async statesAt(
    scope: RequestScope,
    modelId: string,
    fromPosition: number,
    toPosition: number,
  ): Promise<[ModelState, ModelState]> {
    const at = async (position: number): Promise<ModelState> => {
      const past = await this.states.stateAsOf(scope, modelId, { position, timeMs: null });
      return past?.kind === 'state' ? past.entry.state : initialState();
    };
    return [await at(fromPosition), await at(toPosition)];
  }
}
