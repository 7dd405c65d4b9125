import { IllegalState } from '../errors.js';
import { withEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist } from '../model/lookups.js';
import type { ModelState, RiskDecision } from '../model/types.js';
import type { DecisionEvent, RiskAccepted, RiskTransferred } from './events.js';

function recordDecision(
  state: ModelState,
  data: RiskAccepted['data'] & { transferredTo?: string },
  kind: RiskDecision['kind'],
): ModelState {
  const threat = mustExist(state.threats[data.threatId], 'threat', data.threatId);
  if (state.decisions[data.decisionId]) {
    throw new IllegalState('event', `decision '${data.decisionId}' already exists`);
  }
  const decision: RiskDecision = {
    id: data.decisionId,
    kind,
    threatId: data.threatId,
    rationale: data.rationale,
    transferredTo: data.transferredTo ?? null,
    decidedBy: data.decidedBy,
    approvedBy: data.approvedBy,
    decidedAt: data.decidedAt,
    expiresAt: data.expiresAt,
    revoked: null,
  };
  return {
    ...state,
    decisions: withEntry(state.decisions, decision.id, decision),
    threats: withEntry(state.threats, threat.id, {
      ...threat,
      status: kind === 'accept' ? 'accepted' : 'transferred',
    }),
  };
}

/** Applies risk decisions and their effect on the threat's status. */
export const decisionEvolve: EvolveHandlers<DecisionEvent> = {
  RiskAccepted: (state, { data }) => recordDecision(state, data, 'accept'),
  RiskTransferred: (state, { data }: RiskTransferred) => recordDecision(state, data, 'transfer'),
  RiskDecisionRevoked: (state, { data }) => {
    const decision = mustExist(state.decisions[data.decisionId], 'risk decision', data.decisionId);
    const revoked = {
      ...decision,
      revoked: { at: data.revokedAt, by: data.revokedBy, reason: data.reason },
    };
    const threat = state.threats[decision.threatId];
    return {
      ...state,
      decisions: withEntry(state.decisions, decision.id, revoked),
      threats: threat
        ? withEntry(state.threats, threat.id, { ...threat, status: 'open' })
        : state.threats,
    };
  },
};
