import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  excludeFromScopeCommand,
  recordAssumptionCommand,
  withdrawAssumptionCommand,
} from './scope-command.builders.js';
import {
  ExcludeFromScopeInput,
  RecordAssumptionInput,
  WithdrawAssumptionInput,
} from './scope-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the assumptions and scope exclusions of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class ScopeCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Records an assumption the model relies on. */
  @Mutation(() => CommandResult, {
    description:
      'Records an assumption the model relies on. Runs RecordAssumption against the model at expectedVersion (see executeModelCommand).',
  })
  recordAssumption(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RecordAssumptionInput }) input: RecordAssumptionInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      recordAssumptionCommand(input),
      inputField,
    );
  }

  /** Withdraws an assumption. */
  @Mutation(() => CommandResult, {
    description:
      'Withdraws an assumption. Runs WithdrawAssumption against the model at expectedVersion (see executeModelCommand).',
  })
  withdrawAssumption(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => WithdrawAssumptionInput }) input: WithdrawAssumptionInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      withdrawAssumptionCommand(input),
      inputField,
    );
  }

  /** Records what the model leaves out of scope. */
  @Mutation(() => CommandResult, {
    description:
      'Records what the model leaves out of scope. Runs ExcludeFromScope against the model at expectedVersion (see executeModelCommand).',
  })
  excludeFromScope(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ExcludeFromScopeInput }) input: ExcludeFromScopeInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      excludeFromScopeCommand(input),
      inputField,
    );
  }
}
