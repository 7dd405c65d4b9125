import { z } from 'zod';
import { feasibilitySchema } from '../model/vocabulary.js';

export const createAttackTreeSchema = z.object({
  type: z.literal('CreateAttackTree'),
  attackTreeId: z.string().min(1),
  threatId: z.string().min(1),
  rootNodeId: z.string().min(1),
  /** The root states the attacker's goal; it combines its children with AND or OR. */
  rootKind: z.enum(['and', 'or']),
  rootLabel: z.string().min(1),
});
export const addAttackTreeNodeSchema = z
  .object({
    type: z.literal('AddAttackTreeNode'),
    attackTreeId: z.string().min(1),
    nodeId: z.string().min(1),
    parentNodeId: z.string().min(1),
    kind: z.enum(['and', 'or', 'leaf']),
    label: z.string().min(1),
    feasibility: feasibilitySchema.nullable().default(null),
  })
  .refine((command) => command.kind === 'leaf' || command.feasibility === null, {
    path: ['feasibility'],
    message: 'only leaves carry a feasibility; AND/OR nodes compute theirs',
  });
export const removeAttackTreeNodeSchema = z.object({
  type: z.literal('RemoveAttackTreeNode'),
  attackTreeId: z.string().min(1),
  nodeId: z.string().min(1),
});

export const attackTreeCommandSchemas = [
  createAttackTreeSchema,
  addAttackTreeNodeSchema,
  removeAttackTreeNodeSchema,
] as const;
export type CreateAttackTree = z.infer<typeof createAttackTreeSchema>;
export type AddAttackTreeNode = z.infer<typeof addAttackTreeNodeSchema>;
export type RemoveAttackTreeNode = z.infer<typeof removeAttackTreeNodeSchema>;
export type AttackTreeCommand = CreateAttackTree | AddAttackTreeNode | RemoveAttackTreeNode;
