import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  freezeModelVersionCommand,
  openModelDraftCommand,
  planExternalValidationCommand,
  signOffModelVersionCommand,
} from './version-command.builders.js';
import {
  FreezeModelVersionInput,
  PlanExternalValidationInput,
  SignOffModelVersionInput,
} from './version-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the versions of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class VersionCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Freezes the current version of the model under a label. */
  @Mutation(() => CommandResult, {
    description:
      'Freezes the current version of the model under a label. Runs FreezeModelVersion against the model at expectedVersion (see executeModelCommand).',
  })
  freezeModelVersion(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => FreezeModelVersionInput }) input: FreezeModelVersionInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      freezeModelVersionCommand(input),
      inputField,
    );
  }

  /** Signs off a frozen version. */
  @Mutation(() => CommandResult, {
    description:
      'Signs off a frozen version. Runs SignOffModelVersion against the model at expectedVersion (see executeModelCommand).',
  })
  signOffModelVersion(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => SignOffModelVersionInput }) input: SignOffModelVersionInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      signOffModelVersionCommand(input),
      inputField,
    );
  }

  /** Opens a new draft after a frozen version (the command has no fields, so no input). */
  @Mutation(() => CommandResult, {
    description:
      'Opens a new draft after a frozen version (the command has no fields, so no input). Runs OpenModelDraft against the model at expectedVersion (see executeModelCommand).',
  })
  openModelDraft(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      openModelDraftCommand(),
      inputField,
    );
  }

  /** Plans an external validation of the model. */
  @Mutation(() => CommandResult, {
    description:
      'Plans an external validation of the model. Runs PlanExternalValidation against the model at expectedVersion (see executeModelCommand).',
  })
  planExternalValidation(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => PlanExternalValidationInput }) input: PlanExternalValidationInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      planExternalValidationCommand(input),
      inputField,
    );
  }
}
