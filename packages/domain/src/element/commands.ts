import { z } from 'zod';
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
  elementId: z.string().min(1),
  kind: elementKindSchema,
  name: z.string().min(1),
  description: z.string().default(''),
  technology: z.string().default(''),
  zoneId: z.string().min(1),
  /** Defaults to 'context' for external entities and 'container' otherwise. */
  c4Level: c4LevelSchema.optional(),
  tags: z.array(z.string().min(1)).default([]),
  layout: layoutSchema.nullable().default(null),
});
export const changeElementSchema = z.object({
  type: z.literal('ChangeElement'),
  elementId: z.string().min(1),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  technology: z.string().optional(),
  zoneId: z.string().min(1).optional(),
  c4Level: c4LevelSchema.optional(),
  tags: z.array(z.string().min(1)).optional(),
  layout: layoutSchema.nullable().optional(),
});
export const removeElementSchema = z.object({
  type: z.literal('RemoveElement'),
  elementId: z.string().min(1),
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
