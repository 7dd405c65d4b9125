import { z } from 'zod';
import { MAX_NAME_LENGTH, freeText, idText, nameText, tagList } from '../text-limits.js';
import { c4LevelSchema, elementKindSchema } from '../model/vocabulary.js';
import { threatsPolicySchema } from '../threat/removal-policy.js';

/**
 * Diagram geometry is not part of the model: it lives in the co-editing doc
 * (packages/collab), so moving an element is never a domain event. A command
 * that still carries it is refused rather than silently stripped.
 */
const noLayout = z
  .undefined({
    error:
      'no layout here: diagram positions live in the co-editing doc (the layout argument of the GraphQL mutation, or /collab)',
  })
  .optional();

export const addElementSchema = z.object({
  type: z.literal('AddElement'),
  elementId: idText(),
  kind: elementKindSchema,
  name: nameText(),
  description: freeText().default(''),
  technology: freeText(MAX_NAME_LENGTH).default(''),
  zoneId: idText(),
  /** Defaults to 'context' for external entities and 'container' otherwise. */
  c4Level: c4LevelSchema.optional(),
  tags: tagList().default([]),
  layout: noLayout,
});
export const changeElementSchema = z.object({
  type: z.literal('ChangeElement'),
  elementId: idText(),
  name: nameText().optional(),
  description: freeText().optional(),
  technology: freeText(MAX_NAME_LENGTH).optional(),
  zoneId: idText().optional(),
  c4Level: c4LevelSchema.optional(),
  tags: tagList().optional(),
  layout: noLayout,
});
export const removeElementSchema = z.object({
  type: z.literal('RemoveElement'),
  elementId: idText(),
  threats: threatsPolicySchema,
  /** Remove the flows that touch the element too; without it the command is refused while flows remain. */
  cascadeFlows: z.boolean().default(false),
});

export const elementCommandSchemas = [
  addElementSchema,
  changeElementSchema,
  removeElementSchema,
] as const;
export type AddElement = z.infer<typeof addElementSchema>;
export type ChangeElement = z.infer<typeof changeElementSchema>;
export type RemoveElement = z.infer<typeof removeElementSchema>;
export type ElementCommand = AddElement | ChangeElement | RemoveElement;
