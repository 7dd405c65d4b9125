import { z } from 'zod';

/** The checklist items a reviewer attests; the others are computed from the model. */
export const attestableChecklistItemSchema = z.enum(['clarity', 'specificity']);
/** What a reviewer concluded about an attested item. */
export const attestationVerdictSchema = z.enum(['pass', 'fail']);

export const attestChecklistItemSchema = z.object({
  type: z.literal('AttestChecklistItem'),
  item: attestableChecklistItemSchema,
  verdict: attestationVerdictSchema,
  /** What the reviewer looked at and found; a verdict without a reason is no record of review. */
  note: z.string().trim().min(1, { error: 'expected a note saying what was reviewed and found' }),
});

export const checklistCommandSchemas = [attestChecklistItemSchema] as const;
export type AttestChecklistItem = z.infer<typeof attestChecklistItemSchema>;
export type ChecklistCommand = AttestChecklistItem;

/**
 * Commands that record a review rather than change the model: their handler checks
 * its own roles (auditors may run them), and they are allowed while a version is frozen.
 */
export const reviewCommandTypes: readonly string[] = ['AttestChecklistItem'];
