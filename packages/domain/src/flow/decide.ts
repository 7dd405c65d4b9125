import { ValidationError } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireElement, requireFlow, requireUnusedId, threatsOn } from '../model/lookups.js';
import { applyThreatsPolicy } from '../threat/removal-policy.js';
import type { FlowCommand } from './commands.js';

function requireDistinctEndpoints(sourceId: string, destinationId: string): void {
  if (sourceId === destinationId) {
    throw new ValidationError(
      'destinationId',
      'an element other than the source',
      `'${destinationId}' (same as sourceId)`,
    );
  }
}

/** Decisions about data flows: both endpoints must exist and differ. */
export const flowDecide: DecideHandlers<FlowCommand> = {
  AddFlow: (command, state) => {
    requireUnusedId(state.flows, command.flowId, 'flow', 'flowId');
    requireUnusedId(state.elements, command.flowId, 'element', 'flowId');
    requireElement(state, command.sourceId, 'sourceId');
    requireElement(state, command.destinationId, 'destinationId');
    requireDistinctEndpoints(command.sourceId, command.destinationId);
    const { type: _type, flowId, ...rest } = command;
    return [event('FlowAdded', { flow: { id: flowId, ...rest } })];
  },
  ChangeFlow: (command, state) => {
    const flow = requireFlow(state, command.flowId, 'flowId');
    if (command.sourceId !== undefined) requireElement(state, command.sourceId, 'sourceId');
    if (command.destinationId !== undefined) {
      requireElement(state, command.destinationId, 'destinationId');
    }
    requireDistinctEndpoints(
      command.sourceId ?? flow.sourceId,
      command.destinationId ?? flow.destinationId,
    );
    const { type: _type, flowId, ...changes } = command;
    return [event('FlowChanged', { flowId, changes: definedOnly(changes) })];
  },
  RemoveFlow: (command, state) => {
    requireFlow(state, command.flowId, 'flowId');
    const target = { kind: 'flow' as const, id: command.flowId };
    return [
      ...applyThreatsPolicy(state, threatsOn(state, target), command.threats, [target]),
      event('FlowRemoved', { flowId: command.flowId }),
    ];
  },
};
