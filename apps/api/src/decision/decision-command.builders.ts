import type {
  AcceptRiskInput,
  RevokeRiskDecisionInput,
  TransferRiskInput,
} from './decision-command.inputs.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the AcceptRisk domain command. */
export function acceptRiskCommand(input: AcceptRiskInput): Record<string, unknown> {
  return domainCommand('AcceptRisk', { ...input });
}

/** Builds the TransferRisk domain command. */
export function transferRiskCommand(input: TransferRiskInput): Record<string, unknown> {
  return domainCommand('TransferRisk', { ...input });
}

/** Builds the RevokeRiskDecision domain command. */
export function revokeRiskDecisionCommand(input: RevokeRiskDecisionInput): Record<string, unknown> {
  return domainCommand('RevokeRiskDecision', { ...input });
}
