import type {
  ChangeModelSettingsInput,
  RenameThreatModelInput,
} from './model-settings-command.inputs.js';
import { domainCommand, inputField } from './typed-command.js';

/** Builds the ChangeModelSettings domain command; an explicit null riskMatrix removes the matrix. */
export function changeModelSettingsCommand(
  input: ChangeModelSettingsInput,
): Record<string, unknown> {
  return domainCommand(
    'ChangeModelSettings',
    {
      severityBands: input.severityBands?.map((band) => ({ ...band })),
      approvalThreshold: input.approvalThreshold,
      riskMatrix: input.riskMatrix == null ? input.riskMatrix : { ...input.riskMatrix },
      requiresTicketLinks: input.requiresTicketLinks,
    },
    ['riskMatrix'],
  );
}

/** Builds the RenameThreatModel domain command. */
export function renameThreatModelCommand(input: RenameThreatModelInput): Record<string, unknown> {
  return domainCommand('RenameThreatModel', { ...input });
}

/** The domain names settings fields `settings.<field>`; the typed input holds them at its top level. */
export function changeModelSettingsInputField(domainField: string): string {
  return inputField(domainField.replace(/^settings\./, ''));
}
