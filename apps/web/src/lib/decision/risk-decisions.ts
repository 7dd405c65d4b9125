import { isAtLeast, threatSeverity, type ModelSettings, type Threat } from '@threatloom/domain';
import type { Severity } from '@threatloom/scoring';
import { graphql } from '../api/graphql-client.js';
import { currentStreamVersion } from '../checklist/review-commands.js';

/** What the policy asks of a decision on a threat, as the domain decides it. */
export interface DecisionPolicy {
  /** True when the decision needs a rationale and a risk owner as approver. */
  needsApproval: boolean;
  severity: Severity | null;
  threshold: Severity;
  /** The policy in words, for the form. */
  explanation: string;
}

/** The approval policy for deciding on `threat` under the model's settings (the domain's own rule). */
export function decisionPolicy(threat: Threat, settings: ModelSettings): DecisionPolicy {
  const severity = threatSeverity(threat, settings);
  const threshold = settings.approvalThreshold;
  const needsApproval = severity === null || isAtLeast(severity, threshold);
  const explanation = needsApproval
    ? `${severity === null ? 'This threat is not scored' : `This threat is ${severity}`}, at or above the approval threshold (${threshold}): the decision needs a rationale, and a risk owner makes it as its approver.`
    : `This threat is ${severity}, below the approval threshold (${threshold}): a rationale is recommended, and no approval is needed.`;
  return { needsApproval, severity, threshold, explanation };
}

/** What a person fills in to accept or transfer a risk. */
export interface DecisionDraft {
  kind: 'accept' | 'transfer';
  rationale: string;
  transferredTo: string;
  /** A calendar date (YYYY-MM-DD) or blank for no expiry. */
  expiresOn: string;
}

/**
 * Records the decision through GraphQL (a governed action: the doc shows it to
 * everyone once it is stored). An expiry date ends at the end of that day, UTC.
 */
export async function decideRisk(
  modelId: string,
  threatId: string,
  draft: DecisionDraft,
): Promise<void> {
  const input: Record<string, unknown> = {
    decisionId: crypto.randomUUID(),
    threatId,
    rationale: draft.rationale.trim() === '' ? null : draft.rationale.trim(),
    expiresAt: draft.expiresOn === '' ? null : `${draft.expiresOn}T23:59:59Z`,
  };
  const expectedVersion = await currentStreamVersion(modelId);
  if (draft.kind === 'accept') {
    await graphql(
      `
        mutation AcceptRisk($modelId: ID!, $expectedVersion: Int!, $input: AcceptRiskInput!) {
          acceptRisk(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
            streamVersion
          }
        }
      `,
      { modelId, expectedVersion, input },
    );
  } else {
    await graphql(
      `
        mutation TransferRisk($modelId: ID!, $expectedVersion: Int!, $input: TransferRiskInput!) {
          transferRisk(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
            streamVersion
          }
        }
      `,
      { modelId, expectedVersion, input: { ...input, transferredTo: draft.transferredTo.trim() } },
    );
  }
}

/** Revokes a live decision, with the reason. */
export async function revokeDecision(
  modelId: string,
  decisionId: string,
  reason: string,
): Promise<void> {
  const expectedVersion = await currentStreamVersion(modelId);
  await graphql(
    `
      mutation RevokeRiskDecision(
        $modelId: ID!
        $expectedVersion: Int!
        $input: RevokeRiskDecisionInput!
      ) {
        revokeRiskDecision(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
          streamVersion
        }
      }
    `,
    { modelId, expectedVersion, input: { decisionId, reason: reason.trim() } },
  );
}
