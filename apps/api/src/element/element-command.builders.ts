import type {
  AddElementInput,
  ChangeElementInput,
  LayoutInput,
  RemoveElementInput,
} from './element-command.inputs.js';
import { threatsPolicy } from '../threat/threats-policy.input.js';
import { domainCommand, presentFields } from '../model/typed-command.js';

function layout(input: LayoutInput | null | undefined): Record<string, unknown> | null | undefined {
  return input == null ? input : presentFields({ ...input });
}

/** Builds the AddElement domain command; absent optional fields are left to the domain's defaults. */
export function addElementCommand(input: AddElementInput): Record<string, unknown> {
  return domainCommand('AddElement', { ...input, layout: layout(input.layout) });
}

/** Builds the ChangeElement domain command; an explicit null layout removes the position. */
export function changeElementCommand(input: ChangeElementInput): Record<string, unknown> {
  return domainCommand('ChangeElement', { ...input, layout: layout(input.layout) }, ['layout']);
}

/** Builds the RemoveElement domain command. */
export function removeElementCommand(input: RemoveElementInput): Record<string, unknown> {
  return domainCommand('RemoveElement', {
    elementId: input.elementId,
    threats: threatsPolicy(input.threats),
    cascadeFlows: input.cascadeFlows,
  });
}
