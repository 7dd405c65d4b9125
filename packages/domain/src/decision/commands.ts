import { z } from 'zod';

const decisionFields = {
  decisionId: z.string().min(1),
  threatId: z.string().min(1),
  /** Required at or above the model's approval threshold; the checklist asks for it below too. */
  rationale: z.string().trim().min(1).nullable().default(null),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
};

export const acceptRiskSchema = z.object({ type: z.literal('AcceptRisk'), ...decisionFields });
export const transferRiskSchema = z.object({
  type: z.literal('TransferRisk'),
  ...decisionFields,
  transferredTo: z.string().trim().min(1),
});
export const revokeRiskDecisionSchema = z.object({
  type: z.literal('RevokeRiskDecision'),
  decisionId: z.string().min(1),
  reason: z.string().trim().min(1),
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
