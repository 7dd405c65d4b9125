import type {
  AddElementInput,
  ChangeElementInput,
  LayoutInput,
  RemoveElementInput,
} from './element-command.inputs.js';
import { MAX_COORDINATE, readLayout, type ElementLayout } from '@threatloom/collab';
import { ValidationError } from '../errors/app-error.js';
import { threatsPolicy } from '../threat/threats-policy.input.js';
import { domainCommand, presentFields } from '../model/typed-command.js';

/**
 * The element position an input sets: undefined when absent, null to remove
 * it. It is written to the co-editing doc, never into a domain command.
 * ValidationError (on `input.layout`) for coordinates the doc refuses.
 */
export function layoutOf(input: LayoutInput | null | undefined): ElementLayout | null | undefined {
  if (input == null) return input;
  const layout = readLayout(presentFields({ ...input }));
  if (layout === null) {
    throw new ValidationError(
      'input.layout',
      `finite x and y within ±${MAX_COORDINATE}, and a positive width and height when given`,
    );
  }
  return layout;
}

/** Builds the AddElement domain command (the layout goes to the doc); absent fields take the domain's defaults. */
export function addElementCommand(input: AddElementInput): Record<string, unknown> {
  const { layout: _layout, ...fields } = input;
  return domainCommand('AddElement', fields);
}

/** Builds the ChangeElement domain command, or null when the input changes only the layout. */
export function changeElementCommand(input: ChangeElementInput): Record<string, unknown> | null {
  const { layout: _layout, ...fields } = input;
  const command = domainCommand('ChangeElement', fields);
  const changed = Object.keys(command).filter((key) => key !== 'type' && key !== 'elementId');
  return changed.length === 0 && input.layout !== undefined ? null : command;
}

/** Builds the RemoveElement domain command. */
export function removeElementCommand(input: RemoveElementInput): Record<string, unknown> {
  return domainCommand('RemoveElement', {
    elementId: input.elementId,
    threats: threatsPolicy(input.threats),
    cascadeFlows: input.cascadeFlows,
  });
}
