import { z } from 'zod';
import { MAX_NAME_LENGTH, freeText, idText, nameText, tagList } from '../text-limits.js';
import { c4LevelSchema, elementKindSchema } from '../model/vocabulary.js';
import { threatsPolicySchema } from '../threat/removal-policy.js';

const layoutSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});

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
  layout: layoutSchema.nullable().default(null),
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
  layout: layoutSchema.nullable().optional(),
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
