import { z } from 'zod';
import { freeText, idText, nameText } from '../text-limits.js';

/** Optional policy at creation; omitted fields take the defaults (GenomeWell bands, threshold 'high', ticket links required). */
export const modelSettingsInputSchema = z.object({
  severityBands: z.unknown().optional(),
  approvalThreshold: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  riskMatrix: z.unknown().optional(),
  requiresTicketLinks: z.boolean().optional(),
});

/** Omitted fields keep their value; `riskMatrix: null` removes the matrix. */
export const changeModelSettingsSchema = z.object({
  type: z.literal('ChangeModelSettings'),
  severityBands: z.unknown().optional(),
  approvalThreshold: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  riskMatrix: z.unknown().optional(),
  requiresTicketLinks: z.boolean().optional(),
});

export const createThreatModelSchema = z.object({
  type: z.literal('CreateThreatModel'),
  modelId: idText(),
  systemId: idText(),
  name: nameText(),
  description: freeText().default(''),
  settings: modelSettingsInputSchema.optional(),
});

export const renameThreatModelSchema = z.object({
  type: z.literal('RenameThreatModel'),
  name: nameText(),
  description: freeText().optional(),
});

export const modelCommandSchemas = [
  createThreatModelSchema,
  renameThreatModelSchema,
  changeModelSettingsSchema,
] as const;
export type CreateThreatModel = z.infer<typeof createThreatModelSchema>;
export type RenameThreatModel = z.infer<typeof renameThreatModelSchema>;
export type ChangeModelSettings = z.infer<typeof changeModelSettingsSchema>;
export type ModelCommand = CreateThreatModel | RenameThreatModel | ChangeModelSettings;
