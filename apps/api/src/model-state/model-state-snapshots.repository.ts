import { MODEL_STATE_FORMAT, type ModelState } from '@threatloom/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';
import type { ModelStateEntry } from './model-state-cache.js';

/** A persisted snapshot, not yet checked against the stream. */
export interface StoredSnapshot {
  streamVersion: number;
  semanticVersion: number;
  lastHash: string;
  state: ModelState;
  /** The latest recorded time (ms) of its events; null when unknown. */
  maxRecordedAtMs: number | null;
}

/** A milestone snapshot found for a past point, not yet checked against the stream. */
export interface StoredMilestone extends StoredSnapshot {
  lastPosition: number;
}

/** A past point of a model's stream: a global position or a time (ms), exactly one of them. */
export interface PastBound {
  position: number | null;
  timeMs: number | null;
}

/**
 * The model_state_snapshots table (one row per model, the newest snapshot)
 * and model_state_milestones (a row per MODEL_STATE_MILESTONE_EVERY events,
 * kept for replays of the past). Runs in the caller's transaction, so
 * row-level security decides which models' rows it sees and writes.
 */
export class ModelStateSnapshotsRepository {
  /** Where the model's snapshot (current MODEL_STATE_FORMAT) stands, without its state. */
  readPlace(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    modelId: string,
  ): Promise<Omit<StoredSnapshot, 'state'> | null> {
    return this.select(db, modelId, false);
  }

  /** The model's snapshot when it was taken with the current MODEL_STATE_FORMAT. */
  async read(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    modelId: string,
  ): Promise<StoredSnapshot | null> {
    return this.select(db, modelId, true) as Promise<StoredSnapshot | null>;
  }

  /** The snapshot row of the current format, with its state when `withState`. */
  private async select(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    modelId: string,
    withState: boolean,
  ): Promise<Omit<StoredSnapshot, 'state'> | StoredSnapshot | null> {
    const row = await db
      .selectFrom('model_state_snapshots')
      .select(['stream_version', 'semantic_version', 'last_hash', 'max_recorded_at'])
      .$if(withState, (query) => query.select('state'))
      .where('model_id', '=', modelId)
      .where('format_version', '=', MODEL_STATE_FORMAT)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      streamVersion: Number(row.stream_version),
      semanticVersion: Number(row.semantic_version),
      lastHash: row.last_hash,
      maxRecordedAtMs: row.max_recorded_at === null ? null : row.max_recorded_at.getTime(),
      ...(withState ? { state: row.state as ModelState } : {}),
    };
  }

  /**
   * The newest milestone of the model, taken with the current MODEL_STATE_FORMAT,
   * whose events are all at or before `bound` (its last event's position, or
   * the latest recorded time among them); null when there is none.
   */
  async readMilestone(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    modelId: string,
    bound: PastBound,
  ): Promise<StoredMilestone | null> {
    let query = db
      .selectFrom('model_state_milestones')
      .select([
        'stream_version',
        'last_position',
        'max_recorded_at',
        'semantic_version',
        'last_hash',
        'state',
      ])
      .where('model_id', '=', modelId)
      .where('format_version', '=', MODEL_STATE_FORMAT);
    if (bound.position !== null) query = query.where('last_position', '<=', bound.position);
    if (bound.timeMs !== null) query = query.where('max_recorded_at', '<=', new Date(bound.timeMs));
    const row = await query.orderBy('stream_version', 'desc').limit(1).executeTakeFirst();
    if (row === undefined) return null;
    return {
      streamVersion: Number(row.stream_version),
      lastPosition: Number(row.last_position),
      semanticVersion: Number(row.semantic_version),
      lastHash: row.last_hash,
      state: row.state as ModelState,
      maxRecordedAtMs: row.max_recorded_at.getTime(),
    };
  }

  /** Stores milestones (entries with a known latest recorded time); ones already there stay. */
  async writeMilestones(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    milestones: readonly { entry: ModelStateEntry; lastPosition: number }[],
  ): Promise<void> {
    for (const { entry, lastPosition } of milestones) {
      if (entry.maxRecordedAtMs === null) continue;
      await db
        .insertInto('model_state_milestones')
        .values({
          model_id: entry.modelId,
          format_version: MODEL_STATE_FORMAT,
          stream_version: entry.streamVersion,
          last_position: lastPosition,
          max_recorded_at: new Date(entry.maxRecordedAtMs),
          semantic_version: entry.semanticVersion,
          last_hash: entry.lastHash,
          state: JSON.stringify(entry.state),
        })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
  }

  /** Stores `entry` as the model's snapshot unless a newer one of the same format is there. */
  async write(db: Transaction<ApiTables>, entry: ModelStateEntry): Promise<void> {
    const row = {
      model_id: entry.modelId,
      format_version: MODEL_STATE_FORMAT,
      stream_version: entry.streamVersion,
      semantic_version: entry.semanticVersion,
      last_hash: entry.lastHash,
      state: JSON.stringify(entry.state),
      max_recorded_at:
        entry.maxRecordedAtMs === null || !Number.isFinite(entry.maxRecordedAtMs)
          ? null
          : new Date(entry.maxRecordedAtMs),
    };
    await db
      .insertInto('model_state_snapshots')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('model_id')
          .doUpdateSet({
            format_version: (eb) => eb.ref('excluded.format_version'),
            stream_version: (eb) => eb.ref('excluded.stream_version'),
            semantic_version: (eb) => eb.ref('excluded.semantic_version'),
            last_hash: (eb) => eb.ref('excluded.last_hash'),
            state: (eb) => eb.ref('excluded.state'),
            max_recorded_at: (eb) => eb.ref('excluded.max_recorded_at'),
            taken_at: (eb) => eb.fn('now'),
          })
          .where((eb) =>
            eb.or([
              eb('model_state_snapshots.format_version', '<>', MODEL_STATE_FORMAT),
              eb('model_state_snapshots.stream_version', '<', entry.streamVersion),
            ]),
          ),
      )
      .execute();
  }
}
