import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/event.js';

/** A new stream id of the given category. */
export function newStreamId(category = 'model'): string {
  return `${category}-${randomUUID()}`;
}

/** A valid new event with distinguishable data. */
export function newEvent(
  type = 'ThreatIdentified',
  data: unknown = { title: 'Spoofed session' },
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { actor: 'user-1', organisation: 'org-1', correlationId: randomUUID() },
  };
}

/** `count` valid new events. */
export function newEvents(count: number, type = 'ThreatIdentified'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}
