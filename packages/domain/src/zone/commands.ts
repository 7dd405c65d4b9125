import { z } from 'zod';
import { trustLevelSchema } from '../model/vocabulary.js';

export const addZoneSchema = z.object({
  type: z.literal('AddZone'),
  zoneId: z.string().min(1),
  name: z.string().min(1),
  trust: trustLevelSchema,
  parentZoneId: z.string().min(1).nullable().default(null),
  description: z.string().default(''),
});
export const changeZoneSchema = z.object({
  type: z.literal('ChangeZone'),
  zoneId: z.string().min(1),
  name: z.string().min(1).optional(),
  trust: trustLevelSchema.optional(),
  parentZoneId: z.string().min(1).nullable().optional(),
  description: z.string().optional(),
});
export const removeZoneSchema = z.object({
  type: z.literal('RemoveZone'),
  zoneId: z.string().min(1),
});

export const zoneCommandSchemas = [addZoneSchema, changeZoneSchema, removeZoneSchema] as const;
export type AddZone = z.infer<typeof addZoneSchema>;
export type ChangeZone = z.infer<typeof changeZoneSchema>;
export type RemoveZone = z.infer<typeof removeZoneSchema>;
export type ZoneCommand = AddZone | ChangeZone | RemoveZone;
