import type {
  AddAttackTreeNodeInput,
  CreateAttackTreeInput,
  RemoveAttackTreeNodeInput,
} from './attack-tree-command.inputs.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the CreateAttackTree domain command. */
export function createAttackTreeCommand(input: CreateAttackTreeInput): Record<string, unknown> {
  return domainCommand('CreateAttackTree', { ...input });
}

/** Builds the AddAttackTreeNode domain command; the domain refuses a feasibility on an AND/OR node. */
export function addAttackTreeNodeCommand(input: AddAttackTreeNodeInput): Record<string, unknown> {
  return domainCommand('AddAttackTreeNode', { ...input });
}

/** Builds the RemoveAttackTreeNode domain command. */
export function removeAttackTreeNodeCommand(
  input: RemoveAttackTreeNodeInput,
): Record<string, unknown> {
  return domainCommand('RemoveAttackTreeNode', { ...input });
}
