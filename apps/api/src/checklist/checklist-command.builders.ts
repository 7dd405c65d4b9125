import type { AttestChecklistItemInput } from './checklist-command.inputs.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the AttestChecklistItem domain command. */
export function attestChecklistItemCommand(
  input: AttestChecklistItemInput,
): Record<string, unknown> {
  return domainCommand('AttestChecklistItem', { ...input });
}
