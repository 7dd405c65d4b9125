import type { EventStore } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';

/** The category of doc streams: subscribers that need no doc payload ask the store to omit it. */
export const DOC_STREAM_CATEGORY = 'doc';

const DOC_STREAM_PREFIX = `${DOC_STREAM_CATEGORY}-`;

/** The stream of a model's doc: its persisted Yjs updates and the changes the server refused. */
export function docStreamId(modelId: string): string {
  return `${DOC_STREAM_PREFIX}${modelId}`;
}

/** The model id of a `doc-<id>` stream, or null for any other stream. */
export function modelIdOfDocStream(streamId: string): string | null {
  return streamId.startsWith(DOC_STREAM_PREFIX) ? streamId.slice(DOC_STREAM_PREFIX.length) : null;
}

/** Yjs updates of one actor's window, merged (base64), and the model version they belong with. */
export const DOC_UPDATED = 'DocUpdated';
export interface DocUpdatedData {
  update: string;
  /** The model stream's version once this update's transaction committed. */
  modelStreamVersion: number;
}

/** What the server undid of a client's update, and why. */
export const CHANGE_REJECTED = 'ChangeRejected';
export interface ChangeRejectedData {
  connectionId: string;
  refused: Array<{ type: string; code: string; field: string | null; message: string }>;
  rejections: Array<{ path: string; reason: string }>;
  /** The connection may only read: everything it sent was undone. */
  readOnly: boolean;
  /** Rejections of this connection not recorded since the last record (rate limit). */
  suppressedBefore: number;
}

const PAGE = 1000;

/** A doc as stored: its updates in order, the doc stream's version (-1: none), and its last hash. */
export interface StoredDoc {
  updates: Uint8Array[];
  version: number;
  lastHash: string | null;
  /** Updates read from the stream (not from the snapshot). */
  readFromStream: number;
}

function decodeUpdate(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/**
 * A model's doc: the newest snapshot, when the stream still holds (same hash)
 * the event it was taken at, then the updates stored after it.
 */
export async function readDoc(
  eventStore: EventStore,
  modelId: string,
  transaction: Transaction<ApiTables>,
): Promise<StoredDoc> {
  const snapshot = await transaction
    .selectFrom('collab_doc_snapshots')
    .select(['stream_version', 'last_hash', 'state'])
    .where('model_id', '=', modelId)
    .executeTakeFirst();
  if (snapshot !== undefined) {
    const version = Number(snapshot.stream_version);
    const [at] = await eventStore.readStream(docStreamId(modelId), {
      fromVersion: version,
      limit: 1,
      transaction,
    });
    if (at?.hash === snapshot.last_hash) {
      const after = await readDocUpdates(eventStore, modelId, transaction, version, at.hash);
      return { ...after, updates: [decodeUpdate(snapshot.state), ...after.updates] };
    }
  }
  return readDocUpdates(eventStore, modelId, transaction, -1, null);
}

/** Stores `state` as the doc's snapshot at `version` unless a newer one is there. */
export async function writeDocSnapshot(
  transaction: Transaction<ApiTables>,
  modelId: string,
  version: number,
  lastHash: string,
  state: Uint8Array,
): Promise<void> {
  await transaction
    .insertInto('collab_doc_snapshots')
    .values({
      model_id: modelId,
      stream_version: version,
      last_hash: lastHash,
      state: Buffer.from(state).toString('base64'),
    })
    .onConflict((conflict) =>
      conflict
        .column('model_id')
        .doUpdateSet({
          stream_version: (eb) => eb.ref('excluded.stream_version'),
          last_hash: (eb) => eb.ref('excluded.last_hash'),
          state: (eb) => eb.ref('excluded.state'),
          taken_at: (eb) => eb.fn('now'),
        })
        .where('collab_doc_snapshots.stream_version', '<', version),
    )
    .execute();
}

/** The updates stored after `after` (a doc stream version; -1: from the start). */
export async function readDocUpdates(
  eventStore: EventStore,
  modelId: string,
  transaction: Transaction<ApiTables>,
  after: number,
  hashAtAfter: string | null,
): Promise<StoredDoc> {
  const updates: Uint8Array[] = [];
  let version = after;
  let lastHash = hashAtAfter;
  for (;;) {
    const page = await eventStore.readStream(docStreamId(modelId), {
      fromVersion: version + 1,
      limit: PAGE,
      transaction,
    });
    for (const event of page) {
      version = event.streamVersion;
      lastHash = event.hash;
      if (event.type === DOC_UPDATED)
        updates.push(decodeUpdate((event.data as DocUpdatedData).update));
    }
    if (page.length < PAGE) return { updates, version, lastHash, readFromStream: updates.length };
  }
}
