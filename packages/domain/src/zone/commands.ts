import { z } from 'zod';
import { freeText, idText, nameText } from '../text-limits.js';
import { trustLevelSchema } from '../model/vocabulary.js';

export const addZoneSchema = z.object({
  type: z.literal('AddZone'),
  zoneId: idText(),
  name: nameText(),
  trust: trustLevelSchema,
  parentZoneId: idText().nullable().default(null),
  description: freeText().default(''),
});
export const changeZoneSchema = z.object({
  type: z.literal('ChangeZone'),
  zoneId: idText(),
  name: nameText().optional(),
  trust: trustLevelSchema.optional(),
  parentZoneId: idText().nullable().optional(),
  description: freeText().optional(),
});
export const removeZoneSchema = z.object({
  type: z.literal('RemoveZone'),
  zoneId: idText(),
});

export const zoneCommandSchemas = [addZoneSchema, changeZoneSchema, removeZoneSchema] as const;
export type AddZone = z.infer<typeof addZoneSchema>;
export type ChangeZone = z.infer<typeof changeZoneSchema>;
export type RemoveZone = z.infer<typeof removeZoneSchema>;
export type ZoneCommand = AddZone | ChangeZone | RemoveZone;
