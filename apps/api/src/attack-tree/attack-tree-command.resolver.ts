import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  addAttackTreeNodeCommand,
  createAttackTreeCommand,
  removeAttackTreeNodeCommand,
} from './attack-tree-command.builders.js';
import {
  AddAttackTreeNodeInput,
  CreateAttackTreeInput,
  RemoveAttackTreeNodeInput,
} from './attack-tree-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the attack trees of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class AttackTreeCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Creates an attack tree for a threat, with its root goal. */
  @Mutation(() => CommandResult, {
    description:
      'Creates an attack tree for a threat, with its root goal. Runs CreateAttackTree against the model at expectedVersion (see executeModelCommand).',
  })
  createAttackTree(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => CreateAttackTreeInput }) input: CreateAttackTreeInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      createAttackTreeCommand(input),
      inputField,
    );
  }

  /** Adds an AND/OR node or a leaf step to an attack tree. */
  @Mutation(() => CommandResult, {
    description:
      'Adds an AND/OR node or a leaf step to an attack tree. Runs AddAttackTreeNode against the model at expectedVersion (see executeModelCommand).',
  })
  addAttackTreeNode(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddAttackTreeNodeInput }) input: AddAttackTreeNodeInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      addAttackTreeNodeCommand(input),
      inputField,
    );
  }

  /** Removes a node and its subtree from an attack tree. */
  @Mutation(() => CommandResult, {
    description:
      'Removes a node and its subtree from an attack tree. Runs RemoveAttackTreeNode against the model at expectedVersion (see executeModelCommand).',
  })
  removeAttackTreeNode(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveAttackTreeNodeInput }) input: RemoveAttackTreeNodeInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeAttackTreeNodeCommand(input),
      inputField,
    );
  }
}
