import { z } from 'zod';
import { idText, nameText, requiredText } from '../text-limits.js';

const decisionFields = {
  decisionId: idText(),
  threatId: idText(),
  /** Required at or above the model's approval threshold; the checklist asks for it below too. */
  rationale: requiredText().nullable().default(null),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
};

export const acceptRiskSchema = z.object({ type: z.literal('AcceptRisk'), ...decisionFields });
export const transferRiskSchema = z.object({
  type: z.literal('TransferRisk'),
  ...decisionFields,
  transferredTo: nameText(),
});
export const revokeRiskDecisionSchema = z.object({
  type: z.literal('RevokeRiskDecision'),
  decisionId: idText(),
  reason: requiredText(),
});

export const decisionCommandSchemas = [
  acceptRiskSchema,
  transferRiskSchema,
  revokeRiskDecisionSchema,
] as const;
export type AcceptRisk = z.infer<typeof acceptRiskSchema>;
export type TransferRisk = z.infer<typeof transferRiskSchema>;
export type RevokeRiskDecision = z.infer<typeof revokeRiskDecisionSchema>;
export type DecisionCommand = AcceptRisk | TransferRisk | RevokeRiskDecision;
