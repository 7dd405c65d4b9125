import { z } from 'zod';
import { requiredText } from '../text-limits.js';

/** The checklist items a reviewer attests; the others are computed from the model. */
export const attestableChecklistItemSchema = z.enum(['clarity', 'specificity']);
/** What a reviewer concluded about an attested item. */
export const attestationVerdictSchema = z.enum(['pass', 'fail']);

export const attestChecklistItemSchema = z.object({
  type: z.literal('AttestChecklistItem'),
  item: attestableChecklistItemSchema,
  verdict: attestationVerdictSchema,
  /** What the reviewer looked at and found; a verdict without a reason is no record of review. */
  note: requiredText(),
});

export const checklistCommandSchemas = [attestChecklistItemSchema] as const;
export type AttestChecklistItem = z.infer<typeof attestChecklistItemSchema>;
export type ChecklistCommand = AttestChecklistItem;
