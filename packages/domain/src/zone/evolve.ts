import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist, noThreatsKey } from '../model/lookups.js';
import type { ZoneEvent } from './events.js';

/** Applies zone events. */
export const zoneEvolve: EvolveHandlers<ZoneEvent> = {
  ZoneAdded: (state, { data }) => ({
    ...state,
    zones: withEntry(state.zones, data.zone.id, data.zone),
  }),
  ZoneChanged: (state, { data }) => {
    const zone = mustExist(state.zones[data.zoneId], 'zone', data.zoneId);
    return { ...state, zones: withEntry(state.zones, zone.id, { ...zone, ...data.changes }) };
  },
  ZoneRemoved: (state, { data }) => {
    mustExist(state.zones[data.zoneId], 'zone', data.zoneId);
    return {
      ...state,
      zones: withoutEntry(state.zones, data.zoneId),
      noThreats: withoutEntry(state.noThreats, noThreatsKey('zone', data.zoneId)),
    };
  },
};
