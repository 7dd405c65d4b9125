import { Conflict, IllegalState } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireMitigation, requireThreat, requireUnusedId } from '../model/lookups.js';
import type { MitigationCommand } from './commands.js';

/** Decisions about mitigations, which several threats may share. */
export const mitigationDecide: DecideHandlers<MitigationCommand> = {
  PlanMitigation: (command, state) => {
    requireUnusedId(state.mitigations, command.mitigationId, 'mitigation', 'mitigationId');
    command.threatIds.forEach((id, index) => requireThreat(state, id, `threatIds.${index}`));
    const { type: _type, mitigationId, ...rest } = command;
    return [
      event('MitigationPlanned', {
        mitigation: {
          id: mitigationId,
          ...rest,
          threatIds: [...new Set(rest.threatIds)],
          strategies: [...new Set(rest.strategies)],
        },
      }),
    ];
  },
  ReviseMitigation: (command, state) => {
    requireMitigation(state, command.mitigationId, 'mitigationId');
    const { type: _type, mitigationId, ...changes } = command;
    return [event('MitigationRevised', { mitigationId, changes: definedOnly(changes) })];
  },
  ChangeMitigationStatus: (command, state) => {
    const mitigation = requireMitigation(state, command.mitigationId, 'mitigationId');
    if (mitigation.status === command.status) return [];
    return [
      event('MitigationStatusChanged', { mitigationId: mitigation.id, status: command.status }),
    ];
  },
  LinkMitigation: (command, state) => {
    const mitigation = requireMitigation(state, command.mitigationId, 'mitigationId');
    requireThreat(state, command.threatId, 'threatId');
    if (mitigation.threatIds.includes(command.threatId)) {
      throw new Conflict(
        'threatId',
        `mitigation '${mitigation.id}' already addresses '${command.threatId}'`,
      );
    }
    return [event('MitigationLinked', { mitigationId: mitigation.id, threatId: command.threatId })];
  },
  UnlinkMitigation: (command, state) => {
    const mitigation = requireMitigation(state, command.mitigationId, 'mitigationId');
    if (!mitigation.threatIds.includes(command.threatId)) {
      throw new IllegalState(
        'threatId',
        `mitigation '${mitigation.id}' does not address '${command.threatId}'`,
      );
    }
    if (mitigation.threatIds.length === 1) {
      throw new IllegalState(
        'threatId',
        `'${command.threatId}' is the only threat mitigation '${mitigation.id}' addresses; a mitigation needs at least one`,
      );
    }
    return [
      event('MitigationUnlinked', { mitigationId: mitigation.id, threatId: command.threatId }),
    ];
  },
};
