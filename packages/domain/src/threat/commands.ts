import { z } from 'zod';
import {
  MAX_VECTOR_LENGTH,
  freeText,
  idList,
  idText,
  nameText,
  requiredText,
} from '../text-limits.js';
import {
  linddunCategorySchema,
  severitySchema,
  strideCategorySchema,
  targetSchema,
  threatStatusSchema,
} from '../model/vocabulary.js';

export const identifyThreatSchema = z.object({
  type: z.literal('IdentifyThreat'),
  threatId: idText(),
  /** Unique per model; the next free number when omitted. */
  ref: z.number().int().positive().optional(),
  sourceRef: z.number().int().positive().nullable().default(null),
  title: nameText(),
  description: freeText().default(''),
  stride: strideCategorySchema,
  linddun: linddunCategorySchema.nullable().default(null),
  target: targetSchema,
  assetIds: idList().default([]),
});
export const reviseThreatSchema = z.object({
  type: z.literal('ReviseThreat'),
  threatId: idText(),
  title: nameText().optional(),
  description: freeText().optional(),
  stride: strideCategorySchema.optional(),
  linddun: linddunCategorySchema.nullable().optional(),
  assetIds: idList().optional(),
});
export const retargetThreatSchema = z.object({
  type: z.literal('RetargetThreat'),
  threatId: idText(),
  target: targetSchema,
});

const statedScoreSchema = z.object({
  score: z.number().min(0).max(10).nullable().default(null),
  severity: severitySchema.nullable().default(null),
});
export const scoreThreatSchema = z.object({
  type: z.literal('ScoreThreat'),
  threatId: idText(),
  method: z.discriminatedUnion('method', [
    z.object({ method: z.literal('cvss'), vector: nameText(MAX_VECTOR_LENGTH) }),
    z.object({ method: z.literal('owasp'), factors: z.unknown() }),
    z.object({
      method: z.literal('matrix'),
      likelihood: nameText(),
      impact: nameText(),
    }),
    z.object({ method: z.literal('stated') }),
  ]),
  /** The score a person or source document gave, kept to check against the computed one. */
  stated: statedScoreSchema.nullable().default(null),
});
export const changeThreatStatusSchema = z.object({
  type: z.literal('ChangeThreatStatus'),
  threatId: idText(),
  status: threatStatusSchema,
});
export const removeThreatSchema = z.object({
  type: z.literal('RemoveThreat'),
  threatId: idText(),
});
export const declareNoThreatsSchema = z.object({
  type: z.literal('DeclareNoThreats'),
  targetKind: z.enum(['element', 'flow', 'zone']),
  targetId: idText(),
  reason: requiredText(),
});
export const withdrawNoThreatsSchema = z.object({
  type: z.literal('WithdrawNoThreats'),
  targetKind: z.enum(['element', 'flow', 'zone']),
  targetId: idText(),
});

export const threatCommandSchemas = [
  identifyThreatSchema,
  reviseThreatSchema,
  retargetThreatSchema,
  scoreThreatSchema,
  changeThreatStatusSchema,
  removeThreatSchema,
  declareNoThreatsSchema,
  withdrawNoThreatsSchema,
] as const;
export type IdentifyThreat = z.infer<typeof identifyThreatSchema>;
export type ReviseThreat = z.infer<typeof reviseThreatSchema>;
export type RetargetThreat = z.infer<typeof retargetThreatSchema>;
export type ScoreThreat = z.infer<typeof scoreThreatSchema>;
export type ChangeThreatStatus = z.infer<typeof changeThreatStatusSchema>;
export type RemoveThreat = z.infer<typeof removeThreatSchema>;
export type DeclareNoThreats = z.infer<typeof declareNoThreatsSchema>;
export type WithdrawNoThreats = z.infer<typeof withdrawNoThreatsSchema>;
export type ThreatCommand =
  | IdentifyThreat
  | ReviseThreat
  | RetargetThreat
  | ScoreThreat
  | ChangeThreatStatus
  | RemoveThreat
  | DeclareNoThreats
  | WithdrawNoThreats;
