import type {
  ChangeModelSettingsInput,
  RenameThreatModelInput,
} from './model-settings-command.inputs.js';
import { domainCommand } from './typed-command.js';

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
    },
    ['riskMatrix'],
  );
}

/** Builds the RenameThreatModel domain command. */
export function renameThreatModelCommand(input: RenameThreatModelInput): Record<string, unknown> {
  return domainCommand('RenameThreatModel', { ...input });
}
