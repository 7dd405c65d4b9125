import { z } from 'zod';
import { idText, nameText } from '../text-limits.js';
import { feasibilitySchema } from '../model/vocabulary.js';

export const createAttackTreeSchema = z.object({
  type: z.literal('CreateAttackTree'),
  attackTreeId: idText(),
  threatId: idText(),
  rootNodeId: idText(),
  /** The root states the attacker's goal; it combines its children with AND or OR. */
  rootKind: z.enum(['and', 'or']),
  rootLabel: nameText(),
});
export const addAttackTreeNodeSchema = z
  .object({
    type: z.literal('AddAttackTreeNode'),
    attackTreeId: idText(),
    nodeId: idText(),
    parentNodeId: idText(),
    kind: z.enum(['and', 'or', 'leaf']),
    label: nameText(),
    feasibility: feasibilitySchema.nullable().default(null),
  })
  .refine((command) => command.kind === 'leaf' || command.feasibility === null, {
    path: ['feasibility'],
    message: 'only leaves carry a feasibility; AND/OR nodes compute theirs',
  });
export const removeAttackTreeNodeSchema = z.object({
  type: z.literal('RemoveAttackTreeNode'),
  attackTreeId: idText(),
  nodeId: idText(),
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
