import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  changeModelSettingsCommand,
  changeModelSettingsInputField,
  renameThreatModelCommand,
} from './model-settings-command.builders.js';
import {
  ChangeModelSettingsInput,
  RenameThreatModelInput,
} from './model-settings-command.inputs.js';
import { ModelCommandService } from './model-command.service.js';
import { CommandResult } from './model-command.types.js';
import { inputField } from './typed-command.js';

/** Typed mutations on a model's name and settings. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class ModelSettingsCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Changes the model's severity bands, approval threshold or risk matrix. */
  @Mutation(() => CommandResult, {
    description:
      "Changes the model's severity bands, approval threshold or risk matrix. Runs ChangeModelSettings against the model at expectedVersion (see executeModelCommand).",
  })
  changeModelSettings(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeModelSettingsInput }) input: ChangeModelSettingsInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeModelSettingsCommand(input),
      changeModelSettingsInputField,
    );
  }

  /** Renames the model (and optionally changes its description). */
  @Mutation(() => CommandResult, {
    description:
      'Renames the model (and optionally changes its description). Runs RenameThreatModel against the model at expectedVersion (see executeModelCommand).',
  })
  renameThreatModel(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RenameThreatModelInput }) input: RenameThreatModelInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      renameThreatModelCommand(input),
      inputField,
    );
  }
}
