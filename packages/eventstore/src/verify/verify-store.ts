import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { ChainVerifier, type VerificationReport } from '../hashing/verify-chain.js';
import { eventColumns, toStoredEvent, type EventRow } from '../read/event-row.js';

const PAGE_SIZE = 2000;

/**
 * Recomputes the hash chain of one stream, or of every stream, reading in
 * (stream, version) pages so memory stays flat on large stores.
 */
export async function verifyStore(db: SqlExecutor, streamId?: string): Promise<VerificationReport> {
  const verifier = new ChainVerifier();
  let after = { streamId: '', streamVersion: -1 };
  for (;;) {
    const { rows } = await sql<EventRow>`
      SELECT ${eventColumns} FROM events
      WHERE (${streamId ?? null}::text IS NULL OR stream_id = ${streamId ?? null}::text)
        AND (stream_id, stream_version) > (${after.streamId}, ${after.streamVersion})
      ORDER BY stream_id, stream_version
      LIMIT ${PAGE_SIZE}
    `.execute(db);
    for (const row of rows) verifier.push(toStoredEvent(row));
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE_SIZE) return verifier.report();
    after = { streamId: last.stream_id, streamVersion: last.stream_version };
  }
}
