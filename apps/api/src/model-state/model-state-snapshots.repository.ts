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
}

/**
 * The model_state_snapshots table: one row per model, the newest snapshot.
 * Runs in the caller's transaction, so row-level security decides which
 * models' rows it sees and writes.
 */
export class ModelStateSnapshotsRepository {
  /** The model's snapshot when it was taken with the current MODEL_STATE_FORMAT. */
  async read(
    db: Kysely<ApiTables> | Transaction<ApiTables>,
    modelId: string,
  ): Promise<StoredSnapshot | null> {
    const row = await db
      .selectFrom('model_state_snapshots')
      .select(['stream_version', 'semantic_version', 'last_hash', 'state'])
      .where('model_id', '=', modelId)
      .where('format_version', '=', MODEL_STATE_FORMAT)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      streamVersion: Number(row.stream_version),
      semanticVersion: Number(row.semantic_version),
      lastHash: row.last_hash,
      state: row.state as ModelState,
    };
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
