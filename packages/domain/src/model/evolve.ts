import { assetEvolve } from '../asset/evolve.js';
import { attackTreeEvolve } from '../attack-tree/evolve.js';
import { checklistEvolve, invalidateAttestations } from '../checklist/evolve.js';
import { decisionEvolve } from '../decision/evolve.js';
import { elementEvolve } from '../element/evolve.js';
import { IllegalState } from '../errors.js';
import { currentEventVersions, type DomainEvent } from '../events.js';
import { flowEvolve } from '../flow/evolve.js';
import { mitigationEvolve } from '../mitigation/evolve.js';
import { scopeEvolve } from '../scope/evolve.js';
import { threatEvolve } from '../threat/evolve.js';
import { versionEvolve } from '../version/evolve.js';
import { zoneEvolve } from '../zone/evolve.js';
import { withinReplayScope, type EvolveHandler, type EvolveHandlers } from './decider.js';
import { modelEvolve } from './evolve-model.js';
import { initialState } from './initial-state.js';
import type { ModelState } from './types.js';

const handlers: EvolveHandlers<DomainEvent> = {
  ...modelEvolve,
  ...zoneEvolve,
  ...elementEvolve,
  ...flowEvolve,
  ...assetEvolve,
  ...scopeEvolve,
  ...threatEvolve,
  ...mitigationEvolve,
  ...decisionEvolve,
  ...attackTreeEvolve,
  ...versionEvolve,
  ...checklistEvolve,
};

/**
 * Folds one event into the state without mutating it. Throws IllegalState for an
 * event that does not fit (unknown type, wrong version, missing entity): a stream
 * that triggers it is corrupt, so failing loudly beats building a wrong model.
 */
export function evolve(state: ModelState, event: DomainEvent): ModelState {
  const handler = (handlers as Record<string, EvolveHandler<DomainEvent> | undefined>)[event.type];
  if (!handler) throw new IllegalState('type', `unknown event type '${String(event.type)}'`);
  if (event.schemaVersion !== currentEventVersions[event.type]) {
    throw new IllegalState(
      'schemaVersion',
      `${event.type} v${String(event.schemaVersion)} must be upcast before evolve`,
    );
  }
  if (state.id === null && event.type !== 'ThreatModelCreated') {
    throw new IllegalState('type', `${event.type} before ThreatModelCreated`);
  }
  const streamVersion = state.streamVersion + 1;
  const next = invalidateAttestations(handler(state, event), event.type, streamVersion);
  return { ...next, streamVersion };
}

/** Rebuilds a model by folding events in order, from the initial state or a given one. */
export function replay(
  events: Iterable<DomainEvent>,
  from: ModelState = initialState(),
): ModelState {
  return withinReplayScope(() => {
    let state = from;
    for (const event of events) state = evolve(state, event);
    return state;
  });
}
