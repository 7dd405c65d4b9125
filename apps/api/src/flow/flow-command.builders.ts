import type { AddFlowInput, ChangeFlowInput, RemoveFlowInput } from './flow-command.inputs.js';
import { threatsPolicy } from '../threat/threats-policy.input.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the AddFlow domain command. */
export function addFlowCommand(input: AddFlowInput): Record<string, unknown> {
  return domainCommand('AddFlow', { ...input });
}

/** Builds the ChangeFlow domain command. */
export function changeFlowCommand(input: ChangeFlowInput): Record<string, unknown> {
  return domainCommand('ChangeFlow', { ...input });
}

/** Builds the RemoveFlow domain command. */
export function removeFlowCommand(input: RemoveFlowInput): Record<string, unknown> {
  return domainCommand('RemoveFlow', {
    flowId: input.flowId,
    threats: threatsPolicy(input.threats),
  });
}
