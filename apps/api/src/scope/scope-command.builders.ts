import type {
  ExcludeFromScopeInput,
  RecordAssumptionInput,
  WithdrawAssumptionInput,
} from './scope-command.inputs.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the RecordAssumption domain command. */
export function recordAssumptionCommand(input: RecordAssumptionInput): Record<string, unknown> {
  return domainCommand('RecordAssumption', { ...input });
}

/** Builds the WithdrawAssumption domain command. */
export function withdrawAssumptionCommand(input: WithdrawAssumptionInput): Record<string, unknown> {
  return domainCommand('WithdrawAssumption', { assumptionId: input.assumptionId });
}

/** Builds the ExcludeFromScope domain command. */
export function excludeFromScopeCommand(input: ExcludeFromScopeInput): Record<string, unknown> {
  return domainCommand('ExcludeFromScope', { ...input });
}
