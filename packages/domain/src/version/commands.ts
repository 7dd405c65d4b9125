import { z } from 'zod';
import { freeText, nameText } from '../text-limits.js';

export const freezeModelVersionSchema = z.object({
  type: z.literal('FreezeModelVersion'),
  label: nameText(),
});
export const signOffModelVersionSchema = z.object({
  type: z.literal('SignOffModelVersion'),
  versionNumber: z.number().int().positive(),
});
export const openModelDraftSchema = z.object({ type: z.literal('OpenModelDraft') });
export const planExternalValidationSchema = z.object({
  type: z.literal('PlanExternalValidation'),
  reviewer: nameText(),
  plannedFor: z.iso.date(),
  scope: freeText().default(''),
});

export const versionCommandSchemas = [
  freezeModelVersionSchema,
  signOffModelVersionSchema,
  openModelDraftSchema,
  planExternalValidationSchema,
] as const;
export type FreezeModelVersion = z.infer<typeof freezeModelVersionSchema>;
export type SignOffModelVersion = z.infer<typeof signOffModelVersionSchema>;
export type OpenModelDraft = z.infer<typeof openModelDraftSchema>;
export type PlanExternalValidation = z.infer<typeof planExternalValidationSchema>;
export type VersionCommand =
  FreezeModelVersion | SignOffModelVersion | OpenModelDraft | PlanExternalValidation;

/**
 * Commands allowed while a version is frozen: they act on the version, not on its
 * content, or record a review of it (a frozen version is what reviewers attest).
 */
export const commandsAllowedWhileFrozen: readonly string[] = [
  'SignOffModelVersion',
  'OpenModelDraft',
  'AttestChecklistItem',
];
