import type {
  ChangeMitigationStatusInput,
  LinkMitigationInput,
  PlanMitigationInput,
  ResidualRiskInput,
  ReviseMitigationInput,
  UnlinkMitigationInput,
} from './mitigation-command.inputs.js';
import { domainCommand, presentFields, refuseField } from '../model/typed-command.js';

/**
 * The domain's effectiveness (a fraction or a named level) from the two
 * mutually exclusive fields: undefined when neither was sent, null when
 * cleared, and a refusal naming `effectivenessLevel` when both carry a value.
 */
function effectiveness(input: {
  effectiveness?: number | null;
  effectivenessLevel?: string | null;
}): number | string | null | undefined {
  if (input.effectiveness != null && input.effectivenessLevel != null) {
    refuseField('effectivenessLevel', 'either effectiveness or effectivenessLevel, not both');
  }
  if (input.effectiveness != null) return input.effectiveness;
  if (input.effectivenessLevel != null) return input.effectivenessLevel;
  if (input.effectiveness === null || input.effectivenessLevel === null) return null;
  return undefined;
}

function residualRisk(
  input: ResidualRiskInput | null | undefined,
): Record<string, unknown> | null | undefined {
  return input == null ? input : presentFields({ ...input });
}

const clearable = [
  'owner',
  'dueDate',
  'verification',
  'ticketUrl',
  'effectiveness',
  'residualRisk',
] as const;

/** Builds the PlanMitigation domain command. */
export function planMitigationCommand(input: PlanMitigationInput): Record<string, unknown> {
  const { effectivenessLevel: _level, ...fields } = input;
  return domainCommand('PlanMitigation', {
    ...fields,
    effectiveness: effectiveness(input),
    residualRisk: residualRisk(input.residualRisk),
  });
}

/** Builds the ReviseMitigation domain command; explicit nulls clear the optional fields. */
export function reviseMitigationCommand(input: ReviseMitigationInput): Record<string, unknown> {
  const { effectivenessLevel: _level, ...fields } = input;
  return domainCommand(
    'ReviseMitigation',
    {
      ...fields,
      effectiveness: effectiveness(input),
      residualRisk: residualRisk(input.residualRisk),
    },
    clearable,
  );
}

/** Builds the ChangeMitigationStatus domain command. */
export function changeMitigationStatusCommand(
  input: ChangeMitigationStatusInput,
): Record<string, unknown> {
  return domainCommand('ChangeMitigationStatus', { ...input });
}

/** Builds the LinkMitigation domain command. */
export function linkMitigationCommand(input: LinkMitigationInput): Record<string, unknown> {
  return domainCommand('LinkMitigation', { ...input });
}

/** Builds the UnlinkMitigation domain command. */
export function unlinkMitigationCommand(input: UnlinkMitigationInput): Record<string, unknown> {
  return domainCommand('UnlinkMitigation', { ...input });
}
