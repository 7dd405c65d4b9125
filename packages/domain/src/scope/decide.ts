import { NotFound } from '../errors.js';
import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireElement, requireUnusedId } from '../model/lookups.js';
import type { ScopeCommand } from './commands.js';

/** Decisions about assumptions and scope exclusions. */
export const scopeDecide: DecideHandlers<ScopeCommand> = {
  RecordAssumption: (command, state) => {
    requireUnusedId(state.assumptions, command.assumptionId, 'assumption', 'assumptionId');
    return [
      event('AssumptionRecorded', {
        assumption: { id: command.assumptionId, text: command.text },
      }),
    ];
  },
  WithdrawAssumption: (command, state) => {
    if (!state.assumptions[command.assumptionId]) {
      throw new NotFound('assumption', command.assumptionId, 'assumptionId');
    }
    return [event('AssumptionWithdrawn', { assumptionId: command.assumptionId })];
  },
  ExcludeFromScope: (command, state) => {
    requireUnusedId(state.scopeExclusions, command.exclusionId, 'scope exclusion', 'exclusionId');
    command.elementIds.forEach((id, index) => requireElement(state, id, `elementIds.${index}`));
    return [
      event('ScopeExclusionRecorded', {
        exclusion: { id: command.exclusionId, text: command.text, elementIds: command.elementIds },
      }),
    ];
  },
};
