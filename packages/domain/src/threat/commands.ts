import { z } from 'zod';
import {
  linddunCategorySchema,
  severitySchema,
  strideCategorySchema,
  targetSchema,
  threatStatusSchema,
} from '../model/vocabulary.js';

export const identifyThreatSchema = z.object({
  type: z.literal('IdentifyThreat'),
  threatId: z.string().min(1),
  /** Unique per model; the next free number when omitted. */
  ref: z.number().int().positive().optional(),
  sourceRef: z.number().int().positive().nullable().default(null),
  title: z.string().min(1),
  description: z.string().default(''),
  stride: strideCategorySchema,
  linddun: linddunCategorySchema.nullable().default(null),
  target: targetSchema,
  assetIds: z.array(z.string().min(1)).default([]),
});
export const reviseThreatSchema = z.object({
  type: z.literal('ReviseThreat'),
  threatId: z.string().min(1),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  stride: strideCategorySchema.optional(),
  linddun: linddunCategorySchema.nullable().optional(),
  assetIds: z.array(z.string().min(1)).optional(),
});
export const retargetThreatSchema = z.object({
  type: z.literal('RetargetThreat'),
  threatId: z.string().min(1),
  target: targetSchema,
});

const statedScoreSchema = z.object({
  score: z.number().min(0).max(10).nullable().default(null),
  severity: severitySchema.nullable().default(null),
});
export const scoreThreatSchema = z.object({
  type: z.literal('ScoreThreat'),
  threatId: z.string().min(1),
  method: z.discriminatedUnion('method', [
    z.object({ method: z.literal('cvss'), vector: z.string().min(1) }),
    z.object({ method: z.literal('owasp'), factors: z.unknown() }),
    z.object({
      method: z.literal('matrix'),
      likelihood: z.string().min(1),
      impact: z.string().min(1),
    }),
    z.object({ method: z.literal('stated') }),
  ]),
  /** The score a person or source document gave, kept to check against the computed one. */
  stated: statedScoreSchema.nullable().default(null),
});
export const changeThreatStatusSchema = z.object({
  type: z.literal('ChangeThreatStatus'),
  threatId: z.string().min(1),
  status: threatStatusSchema,
});
export const removeThreatSchema = z.object({
  type: z.literal('RemoveThreat'),
  threatId: z.string().min(1),
});
export const declareNoThreatsSchema = z.object({
  type: z.literal('DeclareNoThreats'),
  targetKind: z.enum(['element', 'flow', 'zone']),
  targetId: z.string().min(1),
  reason: z.string().trim().min(1),
});
export const withdrawNoThreatsSchema = z.object({
  type: z.literal('WithdrawNoThreats'),
  targetKind: z.enum(['element', 'flow', 'zone']),
  targetId: z.string().min(1),
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
