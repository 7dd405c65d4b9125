import { IllegalState } from '../errors.js';
import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist, noThreatsKey } from '../model/lookups.js';
import type { ModelState, Threat } from '../model/types.js';
import type { ThreatEvent } from './events.js';

function updateThreat(
  state: ModelState,
  threatId: string,
  change: (threat: Threat) => Threat,
): ModelState {
  const threat = mustExist(state.threats[threatId], 'threat', threatId);
  return { ...state, threats: withEntry(state.threats, threatId, change(threat)) };
}

function targetExists(state: ModelState, target: Threat['target']): boolean {
  if (target === null) return true;
  return target.kind === 'element'
    ? Boolean(state.elements[target.id])
    : Boolean(state.flows[target.id]);
}

/** Applies threat events, keeping mitigation links and attack trees consistent. */
export const threatEvolve: EvolveHandlers<ThreatEvent> = {
  ThreatIdentified: (state, { data }) => {
    const { threat } = data;
    // Ref uniqueness is enforced by decide (and property-tested on every state);
    // scanning all refs here would make replay quadratic.
    if (state.threats[threat.id]) {
      throw new IllegalState('event', `threat '${threat.id}' already exists`);
    }
    if (!targetExists(state, threat.target)) {
      throw new IllegalState('event', `target of threat '${threat.id}' does not exist`);
    }
    return {
      ...state,
      threats: withEntry(state.threats, threat.id, { ...threat, status: 'open', score: null }),
    };
  },
  ThreatRevised: (state, { data }) =>
    updateThreat(state, data.threatId, (threat) => ({ ...threat, ...data.changes })),
  ThreatRetargeted: (state, { data }) => {
    if (!targetExists(state, data.target)) {
      throw new IllegalState('event', `new target of threat '${data.threatId}' does not exist`);
    }
    return updateThreat(state, data.threatId, (threat) => ({ ...threat, target: data.target }));
  },
  ThreatScored: (state, { data }) =>
    updateThreat(state, data.threatId, (threat) => ({ ...threat, score: data.score })),
  ThreatStatusChanged: (state, { data }) =>
    updateThreat(state, data.threatId, (threat) => ({ ...threat, status: data.status })),
  ThreatRemoved: (state, { data }) => {
    mustExist(state.threats[data.threatId], 'threat', data.threatId);
    const mitigations = Object.fromEntries(
      Object.entries(state.mitigations).map(([id, mitigation]) => [
        id,
        mitigation.threatIds.includes(data.threatId)
          ? { ...mitigation, threatIds: mitigation.threatIds.filter((t) => t !== data.threatId) }
          : mitigation,
      ]),
    );
    const attackTrees = Object.fromEntries(
      Object.entries(state.attackTrees).filter(([, tree]) => tree.threatId !== data.threatId),
    );
    return {
      ...state,
      threats: withoutEntry(state.threats, data.threatId),
      mitigations,
      attackTrees,
    };
  },
  NoThreatsDeclared: (state, { data }) => ({
    ...state,
    noThreats: withEntry(
      state.noThreats,
      noThreatsKey(data.declaration.targetKind, data.declaration.targetId),
      data.declaration,
    ),
  }),
  NoThreatsWithdrawn: (state, { data }) => {
    const key = noThreatsKey(data.targetKind, data.targetId);
    mustExist(state.noThreats[key], 'no-threats declaration', key);
    return { ...state, noThreats: withoutEntry(state.noThreats, key) };
  },
};
