import type { EventOf } from '../model/event.js';
import type { Zone } from '../model/types.js';

export type ZoneAdded = EventOf<'ZoneAdded', { zone: Zone }>;
export type ZoneChanged = EventOf<
  'ZoneChanged',
  { zoneId: string; changes: Partial<Omit<Zone, 'id'>> }
>;
export type ZoneRemoved = EventOf<'ZoneRemoved', { zoneId: string }>;
export type ZoneEvent = ZoneAdded | ZoneChanged | ZoneRemoved;
