import { z } from 'zod';
import {
  effectivenessSchema,
  mitigationStatusSchema,
  severitySchema,
  strategySchema,
} from '../model/vocabulary.js';

const residualRiskSchema = z.object({
  score: z.number().min(0).max(10).nullable().default(null),
  severity: severitySchema.nullable().default(null),
});

export const planMitigationSchema = z.object({
  type: z.literal('PlanMitigation'),
  mitigationId: z.string().min(1),
  threatIds: z.array(z.string().min(1)).min(1),
  strategies: z.array(strategySchema).min(1),
  action: z.string().min(1),
  owner: z.string().min(1).nullable().default(null),
  status: mitigationStatusSchema.default('proposed'),
  dueDate: z.iso.date().nullable().default(null),
  verification: z.string().min(1).nullable().default(null),
  ticketUrl: z.url().nullable().default(null),
  effectiveness: effectivenessSchema.nullable().default(null),
  residualRisk: residualRiskSchema.nullable().default(null),
});
export const reviseMitigationSchema = z.object({
  type: z.literal('ReviseMitigation'),
  mitigationId: z.string().min(1),
  strategies: z.array(strategySchema).min(1).optional(),
  action: z.string().min(1).optional(),
  owner: z.string().min(1).nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
  verification: z.string().min(1).nullable().optional(),
  ticketUrl: z.url().nullable().optional(),
  effectiveness: effectivenessSchema.nullable().optional(),
  residualRisk: residualRiskSchema.nullable().optional(),
});
export const changeMitigationStatusSchema = z.object({
  type: z.literal('ChangeMitigationStatus'),
  mitigationId: z.string().min(1),
  status: mitigationStatusSchema,
});
export const linkMitigationSchema = z.object({
  type: z.literal('LinkMitigation'),
  mitigationId: z.string().min(1),
  threatId: z.string().min(1),
});
export const unlinkMitigationSchema = z.object({
  type: z.literal('UnlinkMitigation'),
  mitigationId: z.string().min(1),
  threatId: z.string().min(1),
});

export const mitigationCommandSchemas = [
  planMitigationSchema,
  reviseMitigationSchema,
  changeMitigationStatusSchema,
  linkMitigationSchema,
  unlinkMitigationSchema,
] as const;
export type PlanMitigation = z.infer<typeof planMitigationSchema>;
export type ReviseMitigation = z.infer<typeof reviseMitigationSchema>;
export type ChangeMitigationStatus = z.infer<typeof changeMitigationStatusSchema>;
export type LinkMitigation = z.infer<typeof linkMitigationSchema>;
export type UnlinkMitigation = z.infer<typeof unlinkMitigationSchema>;
export type MitigationCommand =
  PlanMitigation | ReviseMitigation | ChangeMitigationStatus | LinkMitigation | UnlinkMitigation;
