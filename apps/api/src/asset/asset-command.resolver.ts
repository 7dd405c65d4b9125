import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  addAssetCommand,
  changeAssetCommand,
  removeAssetCommand,
} from './asset-command.builders.js';
import { AddAssetInput, ChangeAssetInput, RemoveAssetInput } from './asset-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the assets at stake in a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class AssetCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Adds an asset with its sensitivity and business impact. */
  @Mutation(() => CommandResult, {
    description:
      'Adds an asset with its sensitivity and business impact. Runs AddAsset against the model at expectedVersion (see executeModelCommand).',
  })
  addAsset(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddAssetInput }) input: AddAssetInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      addAssetCommand(input),
      inputField,
    );
  }

  /** Changes an asset; absent fields keep their value. */
  @Mutation(() => CommandResult, {
    description:
      'Changes an asset; absent fields keep their value. Runs ChangeAsset against the model at expectedVersion (see executeModelCommand).',
  })
  changeAsset(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeAssetInput }) input: ChangeAssetInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeAssetCommand(input),
      inputField,
    );
  }

  /** Removes an asset. */
  @Mutation(() => CommandResult, {
    description:
      'Removes an asset. Runs RemoveAsset against the model at expectedVersion (see executeModelCommand).',
  })
  removeAsset(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveAssetInput }) input: RemoveAssetInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeAssetCommand(input),
      inputField,
    );
  }
}
