import { Injectable } from '@nestjs/common';
import {
  closureChecklist,
  contentOf,
  diffModels,
  strideMatrix,
  systemPermissionOf,
} from '@threatloom/domain';
import type { StoredEvent } from '@threatloom/eventstore';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import { DatabaseService } from '../database/database.service.js';
import { NotFound, ValidationError } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import { parseInput } from '../graphql/parse-input.js';
import { stateAt } from './model-history.js';
import { modelStreamId } from './model-stream.js';
import type { Checklist, ModelDiff, StrideMatrix } from './model-views.types.js';

const positionSchema = z.number().int().min(0, { error: 'expected a global position (0 or more)' });

/**
 * Views computed by the domain from a model's events: the STRIDE matrix, the
 * closure checklist and the diff between two points of its history.
 */
@Injectable()
export class ModelViewService {
  constructor(private readonly database: DatabaseService) {}

  /** The STRIDE-per-element matrix of the model's current state. */
  async strideMatrix(scope: RequestScope, rawModelId: string): Promise<StrideMatrix> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.strideMatrix'), [modelId]);
    const matrix = strideMatrix(contentOf(stateAt(await this.events(scope, modelId))));
    return {
      columns: [...matrix.columns],
      unassigned: matrix.unassigned,
      rows: matrix.rows.map((row) => ({
        ...row,
        cells: Object.entries(row.cells).map(([category, refs]) => ({ category, refs })),
      })),
    };
  }

  /** The closure checklist of the model's current state. */
  async checklist(scope: RequestScope, rawModelId: string): Promise<Checklist> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.checklist'), [modelId]);
    const result = closureChecklist(contentOf(stateAt(await this.events(scope, modelId))));
    return {
      ...result,
      items: result.items.map((item) => ({
        ...item,
        offenders: item.offenders.map((offender) => ({ ...offender, ref: offender.ref ?? null })),
      })),
    };
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
    const events = await this.events(scope, modelId);
    const diff = diffModels(
      contentOf(stateAt(events, fromPosition)),
      contentOf(stateAt(events, toPosition)),
    );
    return { fromPosition, toPosition, ...diff };
  }

  private async events(scope: RequestScope, modelId: string): Promise<StoredEvent[]> {
    const events = await this.database.transaction(scope, (trx) =>
      this.database.eventStore.readStream(modelStreamId(modelId), { transaction: trx }),
    );
    if (events.length === 0) throw new NotFound('Model', modelId, 'modelId');
    return events;
  }
}
