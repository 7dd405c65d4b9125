import { ValidationError } from '../errors.js';
import type { EventMetadata, ExpectedVersion, NewEvent } from '../event.js';
import { canonicalJson } from '../hashing/canonical-json.js';
import { canonicalPartsFromJson } from '../hashing/event-hash.js';
import { timeOrderedUuid } from './time-ordered-uuid.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM_ID = /^[a-z][a-z0-9_]*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]*$/;

/** An event ready for the insert statement: validated, normalised and canonically encoded. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  metadata: EventMetadata;
  dataJson: string;
  metadataJson: string;
  recordedAt: Date;
  /** Canonical encoding before and after the stream version (see event-hash.ts). */
  prefix: string;
  suffix: string;
}

/** Rejects a stream id that is not `<category>-<uuid>`. */
export function assertStreamId(streamId: string): void {
  if (!STREAM_ID.test(streamId))
    throw new ValidationError('streamId', '<category>-<uuid> in lower case, e.g. model-<uuid>');
}

/** Rejects an expected version that is neither a non-negative integer, `no_stream` nor `any`. */
export function assertExpectedVersion(expectedVersion: ExpectedVersion): void {
  if (expectedVersion === 'any' || expectedVersion === 'no_stream') return;
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError('expectedVersion', 'a non-negative integer, "no_stream" or "any"');
  }
}

function prepareMetadata(metadata: EventMetadata, field: string): EventMetadata {
  if (typeof metadata !== 'object' || metadata === null)
    throw new ValidationError(field, 'an object');
  if (typeof metadata.actor !== 'string' || metadata.actor === '')
    throw new ValidationError(`${field}.actor`, 'a non-empty string');
  if (typeof metadata.organisation !== 'string' || metadata.organisation === '') {
    throw new ValidationError(`${field}.organisation`, 'a non-empty string');
  }
  for (const key of ['causationId', 'correlationId', 'client'] as const) {
    const value = metadata[key];
    if (value !== undefined && typeof value !== 'string')
      throw new ValidationError(`${field}.${key}`, 'a string when present');
  }
  return metadata;
}

/** Validates and encodes one call's events; `recordedAt` is shared by the whole batch. */
export function prepareEvents(
  streamId: string,
  events: readonly NewEvent[],
  recordedAt: Date,
): PreparedEvent[] {
  if (events.length === 0) throw new ValidationError('events', 'at least one event');
  if (Number.isNaN(recordedAt.getTime()))
    throw new ValidationError('recordedAt', 'a valid date from the clock');
  const seenIds = new Set<string>();
  return events.map((event, index) => {
    const field = `events[${index}]`;
    const eventId = (event.eventId ?? timeOrderedUuid()).toLowerCase();
    if (!UUID.test(eventId)) throw new ValidationError(`${field}.eventId`, 'a UUID');
    if (seenIds.has(eventId))
      throw new ValidationError(`${field}.eventId`, 'an id not repeated within the batch');
    seenIds.add(eventId);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new ValidationError(`${field}.type`, 'an event type name such as ThreatIdentified');
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      throw new ValidationError(`${field}.schemaVersion`, 'a positive integer');
    }
    const metadata = prepareMetadata(event.metadata, `${field}.metadata`);
    const dataJson = canonicalJson(event.data, `${field}.data`);
    const metadataJson = canonicalJson(metadata, `${field}.metadata`);
    const { prefix, suffix } = canonicalPartsFromJson({
      streamId,
      eventId,
      type: event.type,
      schemaVersion,
      dataJson,
      metadataJson,
      recordedAt,
    });
    return {
      eventId,
      type: event.type,
      schemaVersion,
      metadata,
      dataJson,
      metadataJson,
      recordedAt,
      prefix,
      suffix,
    };
  });
}
