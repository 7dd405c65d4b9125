import { IllegalState } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireUnusedId, requireZone } from '../model/lookups.js';
import type { ZoneCommand } from './commands.js';
import { isWithinZone } from './nesting.js';

/** Decisions about trust zones: nesting without cycles, no removal while occupied. */
export const zoneDecide: DecideHandlers<ZoneCommand> = {
  AddZone: (command, state) => {
    requireUnusedId(state.zones, command.zoneId, 'zone', 'zoneId');
    if (command.parentZoneId !== null) requireZone(state, command.parentZoneId, 'parentZoneId');
    return [
      event('ZoneAdded', {
        zone: {
          id: command.zoneId,
          name: command.name,
          trust: command.trust,
          parentZoneId: command.parentZoneId,
          description: command.description,
        },
      }),
    ];
  },
  ChangeZone: (command, state) => {
    requireZone(state, command.zoneId, 'zoneId');
    const parentZoneId = command.parentZoneId;
    if (parentZoneId !== undefined && parentZoneId !== null) {
      requireZone(state, parentZoneId, 'parentZoneId');
      if (isWithinZone(state, parentZoneId, command.zoneId)) {
        throw new IllegalState(
          'parentZoneId',
          `zone '${parentZoneId}' lies inside '${command.zoneId}', so nesting it there would form a cycle`,
        );
      }
    }
    const { type: _type, zoneId, ...changes } = command;
    return [event('ZoneChanged', { zoneId, changes: definedOnly(changes) })];
  },
  RemoveZone: (command, state) => {
    requireZone(state, command.zoneId, 'zoneId');
    const occupants = Object.values(state.elements).filter((e) => e.zoneId === command.zoneId);
    if (occupants.length > 0) {
      throw new IllegalState(
        'zoneId',
        `zone '${command.zoneId}' still holds elements ${occupants.map((e) => `'${e.id}'`).join(', ')}; move or remove them first`,
      );
    }
    const children = Object.values(state.zones).filter((z) => z.parentZoneId === command.zoneId);
    if (children.length > 0) {
      throw new IllegalState(
        'zoneId',
        `zone '${command.zoneId}' still contains zones ${children.map((z) => `'${z.id}'`).join(', ')}`,
      );
    }
    return [event('ZoneRemoved', { zoneId: command.zoneId })];
  },
};
