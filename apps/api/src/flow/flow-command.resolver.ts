import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { addFlowCommand, changeFlowCommand, removeFlowCommand } from './flow-command.builders.js';
import { AddFlowInput, ChangeFlowInput, RemoveFlowInput } from './flow-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the data flows of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class FlowCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Adds a data flow between two elements. */
  @Mutation(() => CommandResult, {
    description:
      'Adds a data flow between two elements. Runs AddFlow against the model at expectedVersion (see executeModelCommand).',
  })
  addFlow(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddFlowInput }) input: AddFlowInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      addFlowCommand(input),
      inputField,
    );
  }

  /** Changes a flow; absent fields keep their value. */
  @Mutation(() => CommandResult, {
    description:
      'Changes a flow; absent fields keep their value. Runs ChangeFlow against the model at expectedVersion (see executeModelCommand).',
  })
  changeFlow(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeFlowInput }) input: ChangeFlowInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeFlowCommand(input),
      inputField,
    );
  }

  /** Removes a flow, saying what happens to its threats. */
  @Mutation(() => CommandResult, {
    description:
      'Removes a flow, saying what happens to its threats. Runs RemoveFlow against the model at expectedVersion (see executeModelCommand).',
  })
  removeFlow(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveFlowInput }) input: RemoveFlowInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeFlowCommand(input),
      inputField,
    );
  }
}
