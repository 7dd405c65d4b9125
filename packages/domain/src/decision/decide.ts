import { Forbidden, IllegalState, NotFound, ValidationError } from '../errors.js';
import type { CommandContext } from '../model/context.js';
import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireThreat, requireUnusedId } from '../model/lookups.js';
import type { ModelState } from '../model/types.js';
import { isAtLeast, threatSeverity } from '../threat/severity.js';
import type { AcceptRisk, DecisionCommand, TransferRisk } from './commands.js';

/**
 * Shared rules of accepting and transferring: one live decision per threat, an
 * expiry in the future, and at or above the approval threshold (or when the threat
 * is not scored, since its severity is unknown) a rationale and a risk owner.
 */
function decisionData(
  command: AcceptRisk | TransferRisk,
  state: ModelState,
  context: CommandContext,
) {
  requireUnusedId(state.decisions, command.decisionId, 'risk decision', 'decisionId');
  const threat = requireThreat(state, command.threatId, 'threatId');
  const live = Object.values(state.decisions).find(
    (decision) => decision.threatId === threat.id && decision.revoked === null,
  );
  if (live) {
    throw new IllegalState(
      'threatId',
      `threat ${threat.ref} already has live decision '${live.id}'; revoke it first`,
    );
  }
  if (command.expiresAt !== null && Date.parse(command.expiresAt) <= Date.parse(context.now)) {
    throw new ValidationError('expiresAt', `a time after ${context.now}`, command.expiresAt);
  }
  const severity = threatSeverity(threat, state.settings);
  const threshold = state.settings.approvalThreshold;
  const needsApproval = severity === null || isAtLeast(severity, threshold);
  const why =
    severity === null
      ? `threat ${threat.ref} is not scored`
      : `threat ${threat.ref} is ${severity}, at or above the approval threshold '${threshold}'`;
  if (needsApproval && command.rationale === null) {
    throw new ValidationError('rationale', `a rationale because ${why}`);
  }
  if (needsApproval && !context.actor.roles.includes('risk_owner')) {
    throw new Forbidden(
      'risk_owner',
      `approver: ${why}, so the approver must hold the risk_owner role`,
    );
  }
  return {
    decisionId: command.decisionId,
    threatId: threat.id,
    rationale: command.rationale,
    decidedBy: context.actor.userId,
    approvedBy: needsApproval ? context.actor.userId : null,
    decidedAt: context.now,
    expiresAt: command.expiresAt,
  };
}

/** Governed risk decisions: accept, transfer, revoke. */
export const decisionDecide: DecideHandlers<DecisionCommand> = {
  AcceptRisk: (command, state, context) => [
    event('RiskAccepted', decisionData(command, state, context)),
  ],
  TransferRisk: (command, state, context) => [
    event('RiskTransferred', {
      ...decisionData(command, state, context),
      transferredTo: command.transferredTo,
    }),
  ],
  RevokeRiskDecision: (command, state, context) => {
    const decision = state.decisions[command.decisionId];
    if (!decision) throw new NotFound('risk decision', command.decisionId, 'decisionId');
    if (decision.revoked !== null) {
      throw new IllegalState('decisionId', `decision '${decision.id}' was already revoked`);
    }
    return [
      event('RiskDecisionRevoked', {
        decisionId: decision.id,
        reason: command.reason,
        revokedBy: context.actor.userId,
        revokedAt: context.now,
      }),
    ];
  },
};
