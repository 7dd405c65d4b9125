import { sql } from 'kysely';
import type { SqlExecutor } from '../database/sql-executor.js';
import { ValidationError } from '../errors.js';
import type { StoredEvent } from '../event.js';
import { assertStreamId } from '../append/prepare-events.js';
import { eventColumns, toStoredEvent, type EventRow } from './event-row.js';

/** Options of a stream read. */
export interface ReadStreamOptions {
  /** Lowest version to return. Default: 0. */
  fromVersion?: number;
  /** Highest version to return. Default: the stream's last version. */
  toVersion?: number;
  /** `forward` (ascending versions) or `backward`. Default: `forward`. */
  direction?: 'forward' | 'backward';
  /** Maximum number of events. Default: all. */
  limit?: number;
  /** Only events of these types (their versions then have gaps). Default: every type. */
  types?: readonly string[];
  /** A Kysely `Transaction` to read in. */
  transaction?: SqlExecutor;
}

/** The highest version a stream can hold (stream_version is a 32-bit integer). */
const MAX_STREAM_VERSION = 2 ** 31 - 1;

function assertVersionBound(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new ValidationError(field, 'a non-negative integer');
  }
}

/** Reads the events of one stream in version order; a stream's versions never have gaps. */
export async function readStream(
  db: SqlExecutor,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<StoredEvent[]> {
  assertStreamId(streamId);
  assertVersionBound(options.fromVersion, 'fromVersion');
  assertVersionBound(options.toVersion, 'toVersion');
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1)) {
    throw new ValidationError('limit', 'a positive integer');
  }
  const direction = options.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward')
    throw new ValidationError('direction', '"forward" or "backward"');
  const fromVersion = options.fromVersion ?? 0;
  const types = options.types ?? null;
  if (types !== null && (!Array.isArray(types) || types.some((type) => typeof type !== 'string')))
    throw new ValidationError('types', 'a list of event type names');
  // A stream's versions have no gaps (unless filtered by type), so a forward read of `limit` events ends
  // at version fromVersion + limit - 1. Saying so bounds the index range
  // whatever the planner estimates: without statistics (a table just filled)
  // it would otherwise sort the whole rest of a long stream to take the first few.
  const lastOfLimit =
    direction === 'forward' && options.limit !== undefined && types === null
      ? Math.min(fromVersion + options.limit - 1, MAX_STREAM_VERSION)
      : undefined;
  const toVersion =
    lastOfLimit === undefined
      ? options.toVersion
      : Math.min(lastOfLimit, options.toVersion ?? Number.MAX_SAFE_INTEGER);
  const { rows } = await sql<EventRow>`
    SELECT ${eventColumns} FROM events
    WHERE stream_id = ${streamId}
      AND stream_version >= ${fromVersion}
      AND (${toVersion ?? null}::int IS NULL OR stream_version <= ${toVersion ?? null}::int)
      AND (${types === null}::boolean OR type = ANY(${types ?? []}::text[]))
    ORDER BY stream_version ${direction === 'forward' ? sql`ASC` : sql`DESC`}
    LIMIT ${options.limit ?? null}
  `.execute(options.transaction ?? db);
  return rows.map(toStoredEvent);
}
