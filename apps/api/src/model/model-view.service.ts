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
import type { StoredEvent } from '@threatloom/eventstore';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import { DatabaseService } from '../database/database.service.js';
import { ValidationError } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import { parseInput } from '../graphql/parse-input.js';
import { ModelStateStore, STREAM_PAGE_SIZE, foldEvents } from '../model-state/model-state.store.js';
import type { ModelStateEntry } from '../model-state/model-state-cache.js';
import { ModelViewCache } from '../model-state/model-view-cache.js';
import { afterTurnBudget } from '../event-loop/turn-budget.js';
import { modelStreamId } from './model-stream.js';
import type { Checklist, ModelDiff, StrideMatrix } from './model-views.types.js';

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
    private readonly database: DatabaseService,
    private readonly states: ModelStateStore,
    private readonly views: ModelViewCache,
  ) {}

  /** The STRIDE-per-element matrix of the model's current state. */
  async strideMatrix(scope: RequestScope, rawModelId: string): Promise<StrideMatrix> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.strideMatrix'), [modelId]);
    const entry = await this.states.current(scope, modelId);
    return this.views.get(
      `${modelId}:strideMatrix:${entry.semanticVersion}`,
      Date.now(),
      async () => {
        const built = strideMatrixSteps(contentOf(entry.state));
        for (const step of built.steps) {
          await afterTurnBudget();
          step();
        }
        const matrix = built.matrix();
        const value: StrideMatrix = {
          columns: [...matrix.columns],
          unassigned: matrix.unassigned,
          rows: matrix.rows.map((row) => ({
            ...row,
            cells: Object.entries(row.cells).map(([category, refs]) => ({ category, refs })),
          })),
        };
        return { value, validUntilMs: Number.POSITIVE_INFINITY };
      },
    );
  }

  /**
   * The closure checklist of the model's current state, with risk decisions
   * whose expiry has passed counted as lapsed.
   */
  async checklist(scope: RequestScope, rawModelId: string): Promise<Checklist> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.checklist'), [modelId]);
    const entry = await this.states.current(scope, modelId);
    const nowMs = Date.now();
    return this.views.get(`${modelId}:checklist:${entry.semanticVersion}`, nowMs, async () => {
      const items: DomainChecklistItem[] = [];
      const steps = checklistItemSteps(contentOf(entry.state), {
        asOf: new Date(nowMs).toISOString(),
      });
      for (const step of steps) {
        await afterTurnBudget();
        items.push(step());
      }
      const result = checklistOf(items);
      const value: Checklist = {
        ...result,
        items: result.items.map((item) => ({
          ...item,
          offenders: item.offenders.map((offender) => ({ ...offender, ref: offender.ref ?? null })),
        })),
      };
      return { value, validUntilMs: nextExpiryMs(entry.state, nowMs) };
    });
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

  /** The model as of two global positions, folded from its stream in chunks. */
  private async statesAt(
    scope: RequestScope,
    modelId: string,
    fromPosition: number,
    toPosition: number,
  ): Promise<[ModelState, ModelState]> {
    return this.database.transaction(scope, async (trx) => {
      let before: ModelStateEntry | null = null;
      let after: ModelStateEntry | null = null;
      for (let fromVersion = 0; ; fromVersion += STREAM_PAGE_SIZE) {
        const page: StoredEvent[] = await this.database.eventStore.readStream(
          modelStreamId(modelId),
          { fromVersion, limit: STREAM_PAGE_SIZE, transaction: trx },
        );
        // A stream's positions grow with its versions: every event up to
        // fromPosition comes before every event after it.
        before = await foldEvents(
          modelId,
          before,
          page.filter((event) => event.position <= fromPosition),
        );
        const between = page.filter(
          (event) => event.position > fromPosition && event.position <= toPosition,
        );
        if (between.length > 0) after = await foldEvents(modelId, after ?? before, between);
        const isPastTo = page.some((event) => event.position > toPosition);
        if (page.length < STREAM_PAGE_SIZE || isPastTo) break;
      }
      return [before?.state ?? initialState(), after?.state ?? before?.state ?? initialState()];
    });
  }
}
