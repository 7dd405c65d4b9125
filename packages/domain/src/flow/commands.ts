import { z } from 'zod';
import { threatsPolicySchema } from '../threat/removal-policy.js';

export const addFlowSchema = z.object({
  type: z.literal('AddFlow'),
  flowId: z.string().min(1),
  name: z.string().min(1),
  sourceId: z.string().min(1),
  destinationId: z.string().min(1),
  bidirectional: z.boolean().default(false),
  /** What the flow carries, in words ("credentials, PII"). */
  data: z.string().default(''),
  protocol: z.string().default(''),
});
export const changeFlowSchema = z.object({
  type: z.literal('ChangeFlow'),
  flowId: z.string().min(1),
  name: z.string().min(1).optional(),
  sourceId: z.string().min(1).optional(),
  destinationId: z.string().min(1).optional(),
  bidirectional: z.boolean().optional(),
  data: z.string().optional(),
  protocol: z.string().optional(),
});
export const removeFlowSchema = z.object({
  type: z.literal('RemoveFlow'),
  flowId: z.string().min(1),
  threats: threatsPolicySchema,
});

export const flowCommandSchemas = [addFlowSchema, changeFlowSchema, removeFlowSchema] as const;
export type AddFlow = z.infer<typeof addFlowSchema>;
export type ChangeFlow = z.infer<typeof changeFlowSchema>;
export type RemoveFlow = z.infer<typeof removeFlowSchema>;
export type FlowCommand = AddFlow | ChangeFlow | RemoveFlow;
