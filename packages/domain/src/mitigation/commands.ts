import { z } from 'zod';
import { httpUrl, idList, idText, nameText, requiredText } from '../text-limits.js';
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
  mitigationId: idText(),
  threatIds: idList().min(1),
  strategies: z.array(strategySchema).min(1),
  action: requiredText(),
  owner: nameText().nullable().default(null),
  status: mitigationStatusSchema.default('proposed'),
  dueDate: z.iso.date().nullable().default(null),
  verification: requiredText().nullable().default(null),
  ticketUrl: httpUrl().nullable().default(null),
  effectiveness: effectivenessSchema.nullable().default(null),
  residualRisk: residualRiskSchema.nullable().default(null),
});
export const reviseMitigationSchema = z.object({
  type: z.literal('ReviseMitigation'),
  mitigationId: idText(),
  strategies: z.array(strategySchema).min(1).optional(),
  action: requiredText().optional(),
  owner: nameText().nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
  verification: requiredText().nullable().optional(),
  ticketUrl: httpUrl().nullable().optional(),
  effectiveness: effectivenessSchema.nullable().optional(),
  residualRisk: residualRiskSchema.nullable().optional(),
});
export const changeMitigationStatusSchema = z.object({
  type: z.literal('ChangeMitigationStatus'),
  mitigationId: idText(),
  status: mitigationStatusSchema,
});
export const linkMitigationSchema = z.object({
  type: z.literal('LinkMitigation'),
  mitigationId: idText(),
  threatId: idText(),
});
export const unlinkMitigationSchema = z.object({
  type: z.literal('UnlinkMitigation'),
  mitigationId: idText(),
  threatId: idText(),
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
