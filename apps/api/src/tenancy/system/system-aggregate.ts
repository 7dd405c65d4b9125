import {
  decideSystem,
  evolveSystem,
  initialSystemState,
  type SystemEvent,
  type SystemState,
  type TenancyCommandContext,
} from '@threatloom/domain';
import type { TenancyAggregate } from '../tenancy-event-writer.js';

/** The System decider as the event writer runs it. */
export const systemAggregate: TenancyAggregate<SystemState, SystemEvent, TenancyCommandContext> = {
  initialState: initialSystemState,
  evolve: evolveSystem,
  decide: decideSystem,
};
