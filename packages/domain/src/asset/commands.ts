import { z } from 'zod';
import { freeText, idText, nameText } from '../text-limits.js';
import { sensitivitySchema } from '../model/vocabulary.js';

export const addAssetSchema = z.object({
  type: z.literal('AddAsset'),
  assetId: idText(),
  name: nameText(),
  description: freeText().default(''),
  sensitivity: sensitivitySchema,
  /** Defaults to the sensitivity when the business has not rated the impact separately. */
  businessImpact: sensitivitySchema.optional(),
});
export const changeAssetSchema = z.object({
  type: z.literal('ChangeAsset'),
  assetId: idText(),
  name: nameText().optional(),
  description: freeText().optional(),
  sensitivity: sensitivitySchema.optional(),
  businessImpact: sensitivitySchema.optional(),
});
export const removeAssetSchema = z.object({
  type: z.literal('RemoveAsset'),
  assetId: idText(),
});

export const assetCommandSchemas = [addAssetSchema, changeAssetSchema, removeAssetSchema] as const;
export type AddAsset = z.infer<typeof addAssetSchema>;
export type ChangeAsset = z.infer<typeof changeAssetSchema>;
export type RemoveAsset = z.infer<typeof removeAssetSchema>;
export type AssetCommand = AddAsset | ChangeAsset | RemoveAsset;
