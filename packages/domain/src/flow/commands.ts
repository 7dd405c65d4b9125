import { z } from 'zod';
import { MAX_NAME_LENGTH, freeText, idText, nameText } from '../text-limits.js';
import { threatsPolicySchema } from '../threat/removal-policy.js';

export const addFlowSchema = z.object({
  type: z.literal('AddFlow'),
  flowId: idText(),
  name: nameText(),
  sourceId: idText(),
  destinationId: idText(),
  bidirectional: z.boolean().default(false),
  /** What the flow carries, in words ("credentials, PII"). */
  data: freeText().default(''),
  protocol: freeText(MAX_NAME_LENGTH).default(''),
});
export const changeFlowSchema = z.object({
  type: z.literal('ChangeFlow'),
  flowId: idText(),
  name: nameText().optional(),
  sourceId: idText().optional(),
  destinationId: idText().optional(),
  bidirectional: z.boolean().optional(),
  data: freeText().optional(),
  protocol: freeText(MAX_NAME_LENGTH).optional(),
});
export const removeFlowSchema = z.object({
  type: z.literal('RemoveFlow'),
  flowId: idText(),
  threats: threatsPolicySchema,
});

export const flowCommandSchemas = [addFlowSchema, changeFlowSchema, removeFlowSchema] as const;
export type AddFlow = z.infer<typeof addFlowSchema>;
export type ChangeFlow = z.infer<typeof changeFlowSchema>;
export type RemoveFlow = z.infer<typeof removeFlowSchema>;
export type FlowCommand = AddFlow | ChangeFlow | RemoveFlow;
