import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** `previousHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface HashableEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
}

/**
 * The canonical encoding split around the stream version, so the database can
 * chain events whose version it assigns itself: `prefix + version + suffix`.
 * Keys are in RFC 8785 order: data, eventId, metadata, recordedAt,
 * schemaVersion, streamId, streamVersion, type.
 */
export interface CanonicalEventParts {
  prefix: string;
  suffix: string;
}

/** Splits the canonical encoding of an event around its stream version. */
export function canonicalEventParts(
  event: Omit<HashableEvent, 'streamVersion'>,
): CanonicalEventParts {
  return canonicalPartsFromJson({
    ...event,
    dataJson: canonicalJson(event.data, 'data'),
    metadataJson: canonicalJson(event.metadata, 'metadata'),
  });
}

/** Same as `canonicalEventParts` when data and metadata are already in canonical JSON. */
export function canonicalPartsFromJson(
  event: Omit<HashableEvent, 'streamVersion' | 'data' | 'metadata'> & {
    dataJson: string;
    metadataJson: string;
  },
): CanonicalEventParts {
  const prefix =
    `{"data":${event.dataJson}` +
    `,"eventId":${JSON.stringify(event.eventId)}` +
    `,"metadata":${event.metadataJson}` +
    `,"recordedAt":${JSON.stringify(event.recordedAt.toISOString())}` +
    `,"schemaVersion":${JSON.stringify(event.schemaVersion)}` +
    `,"streamId":${JSON.stringify(event.streamId)}` +
    `,"streamVersion":`;
  const suffix = `,"type":${JSON.stringify(event.type)}}`;
  return { prefix, suffix };
}

/** The RFC 8785 canonical JSON of the hashed fields of an event. */
export function canonicalEventEncoding(event: HashableEvent): string {
  const { prefix, suffix } = canonicalEventParts(event);
  return `${prefix}${JSON.stringify(event.streamVersion)}${suffix}`;
}

/** `sha256(previousHash + canonical encoding)` as lower-case hex, over UTF-8 bytes. */
export function computeEventHash(previousHash: string, event: HashableEvent): string {
  return createHash('sha256')
    .update(previousHash + canonicalEventEncoding(event), 'utf8')
    .digest('hex');
}

/** The same hash from an encoding split around the stream version (`canonicalEventParts`). */
export function hashFromParts(
  previousHash: string,
  parts: CanonicalEventParts,
  streamVersion: number,
): string {
  return createHash('sha256')
    .update(`${previousHash}${parts.prefix}${JSON.stringify(streamVersion)}${parts.suffix}`, 'utf8')
    .digest('hex');
}
