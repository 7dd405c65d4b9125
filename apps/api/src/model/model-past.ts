import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import { NotFound, ValidationError } from '../errors/app-error.js';
import { parseInput } from '../graphql/parse-input.js';
import type { ModelStateEntry } from '../model-state/model-state-cache.js';
import type { ModelStateStore, PastBound } from '../model-state/model-state.store.js';
import type { ModelAsOfInput, ModelPoint } from './model.types.js';

const asOfSchema = z
  .object({
    position: z
      .number()
      .int()
      .min(0, { error: 'expected a global position (0 or more)' })
      .nullish(),
    time: z.iso
      .datetime({ offset: true, error: 'expected an ISO 8601 time, e.g. 2026-12-01T09:30:00Z' })
      .nullish(),
  })
  .strict();

/** A past point of a model's stream, as a test on its events. */
export interface PastPoint {
  /** The argument named in errors about the point. */
  field: 'asOf.position' | 'asOf.time';
  /** The point: a global position or a time. */
  bound: PastBound;
  /** The time asked for (ISO 8601), when the point is a time. */
  time: string | null;
}

/** The `asOf` argument validated (exactly one of position or time), or null when absent. */
export function parseAsOf(raw: ModelAsOfInput | null | undefined): PastPoint | null {
  if (raw === null || raw === undefined) return null;
  const asOf = parseInput(asOfSchema, raw, 'asOf');
  const position = asOf.position ?? null;
  const time = asOf.time ?? null;
  if ((position === null) === (time === null))
    throw new ValidationError('asOf', 'exactly one of position or time');
  if (position !== null)
    return { field: 'asOf.position', bound: { position, timeMs: null }, time: null };
  const timeMs = Date.parse(time as string);
  return {
    field: 'asOf.time',
    bound: { position: null, timeMs },
    time: new Date(timeMs).toISOString(),
  };
}

/** A model's state at a past point, and where in its history that is. */
export interface PastModel {
  entry: ModelStateEntry;
  point: ModelPoint;
}

/**
 * The model replayed to `point` (the caller checked access). NotFound on `idField`
 * when the model has no events the caller can read; a VALIDATION error on the
 * point when it comes before the model's first event.
 */
export async function replayToPoint(
  states: ModelStateStore,
  scope: RequestScope,
  modelId: string,
  point: PastPoint,
  idField: string,
): Promise<PastModel> {
  const past = await states.stateAsOf(scope, modelId, point.bound);
  if (past === null) throw new NotFound('Model', modelId, idField);
  if (past.kind === 'before') {
    const first = past.firstEvent;
    throw new ValidationError(
      point.field,
      `a point at or after the model's creation (position ${first.position}, ${first.recordedAt.toISOString()})`,
    );
  }
  return {
    entry: past.entry,
    point: {
      position: past.lastEvent.position,
      streamVersion: past.lastEvent.streamVersion,
      recordedAt: past.lastEvent.recordedAt.toISOString(),
    },
  };
}
