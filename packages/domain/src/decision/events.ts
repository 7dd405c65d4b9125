import type { EventOf } from '../model/event.js';

interface DecisionData {
  decisionId: string;
  threatId: string;
  rationale: string | null;
  decidedBy: string;
  approvedBy: string | null;
  decidedAt: string;
  expiresAt: string | null;
}

/** The threat's status becomes 'accepted'. */
export type RiskAccepted = EventOf<'RiskAccepted', DecisionData>;
/** The threat's status becomes 'transferred'. */
export type RiskTransferred = EventOf<'RiskTransferred', DecisionData & { transferredTo: string }>;
/** The threat returns to 'open'. */
export type RiskDecisionRevoked = EventOf<
  'RiskDecisionRevoked',
  { decisionId: string; reason: string; revokedBy: string; revokedAt: string }
>;
export type DecisionEvent = RiskAccepted | RiskTransferred | RiskDecisionRevoked;
