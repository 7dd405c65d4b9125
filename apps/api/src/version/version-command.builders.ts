import { domainCommand } from '../model/typed-command.js';
import type {
  FreezeModelVersionInput,
  PlanExternalValidationInput,
  SignOffModelVersionInput,
} from './version-command.inputs.js';

/** Builds the FreezeModelVersion domain command. */
export function freezeModelVersionCommand(input: FreezeModelVersionInput): Record<string, unknown> {
  return domainCommand('FreezeModelVersion', { label: input.label });
}

/** Builds the SignOffModelVersion domain command. */
export function signOffModelVersionCommand(
  input: SignOffModelVersionInput,
): Record<string, unknown> {
  return domainCommand('SignOffModelVersion', { versionNumber: input.versionNumber });
}

/** Builds the OpenModelDraft domain command (it has no fields). */
export function openModelDraftCommand(): Record<string, unknown> {
  return domainCommand('OpenModelDraft', {});
}

/** Builds the PlanExternalValidation domain command. */
export function planExternalValidationCommand(
  input: PlanExternalValidationInput,
): Record<string, unknown> {
  return domainCommand('PlanExternalValidation', { ...input });
}
