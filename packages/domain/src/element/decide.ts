import { IllegalState } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event, versionedEvent } from '../model/event.js';
import { requireElement, requireUnusedId, requireZone, threatsOn } from '../model/lookups.js';
import type { Target } from '../model/vocabulary.js';
import { applyThreatsPolicy } from '../threat/removal-policy.js';
import type { ElementCommand } from './commands.js';

/** Decisions about DFD elements; removal states what happens to threats and flows. */
export const elementDecide: DecideHandlers<ElementCommand> = {
  AddElement: (command, state) => {
    requireUnusedId(state.elements, command.elementId, 'element', 'elementId');
    requireUnusedId(state.flows, command.elementId, 'flow', 'elementId');
    requireZone(state, command.zoneId, 'zoneId');
    return [
      versionedEvent('ElementAdded', 2, {
        element: {
          id: command.elementId,
          kind: command.kind,
          name: command.name,
          description: command.description,
          technology: command.technology,
          zoneId: command.zoneId,
          c4Level:
            command.c4Level ?? (command.kind === 'external_entity' ? 'context' : 'container'),
          tags: command.tags,
        },
      }),
    ];
  },
  ChangeElement: (command, state) => {
    requireElement(state, command.elementId, 'elementId');
    if (command.zoneId !== undefined) requireZone(state, command.zoneId, 'zoneId');
    const { type: _type, elementId, layout: _layout, ...changes } = command;
    return [versionedEvent('ElementChanged', 2, { elementId, changes: definedOnly(changes) })];
  },
  RemoveElement: (command, state) => {
    requireElement(state, command.elementId, 'elementId');
    const flows = Object.values(state.flows).filter(
      (flow) => flow.sourceId === command.elementId || flow.destinationId === command.elementId,
    );
    if (flows.length > 0 && !command.cascadeFlows) {
      throw new IllegalState(
        'cascadeFlows',
        `element '${command.elementId}' is an endpoint of flows ${flows.map((f) => `'${f.id}'`).join(', ')}; remove them first or set cascadeFlows`,
      );
    }
    const disappearing: Target[] = [
      { kind: 'element', id: command.elementId },
      ...flows.map((flow): Target => ({ kind: 'flow', id: flow.id })),
    ];
    const threats = disappearing.flatMap((target) => threatsOn(state, target));
    return [
      ...applyThreatsPolicy(state, threats, command.threats, disappearing),
      ...flows.map((flow) => event('FlowRemoved', { flowId: flow.id })),
      event('ElementRemoved', { elementId: command.elementId }),
    ];
  },
};
