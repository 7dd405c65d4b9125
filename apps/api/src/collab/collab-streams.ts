import type { EventStore } from '@threatloom/eventstore';
import type { Transaction } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';

const DOC_STREAM_PREFIX = 'doc-';

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

/** Every stored update of a model's doc, in order, and the doc stream's version (-1: none). */
export async function readDocUpdates(
  eventStore: EventStore,
  modelId: string,
  transaction: Transaction<ApiTables>,
): Promise<{ updates: Uint8Array[]; version: number }> {
  const updates: Uint8Array[] = [];
  let version = -1;
  for (;;) {
    const page = await eventStore.readStream(docStreamId(modelId), {
      fromVersion: version + 1,
      limit: PAGE,
      transaction,
    });
    for (const event of page) {
      version = event.streamVersion;
      if (event.type === DOC_UPDATED) {
        updates.push(new Uint8Array(Buffer.from((event.data as DocUpdatedData).update, 'base64')));
      }
    }
    if (page.length < PAGE) return { updates, version };
  }
}
