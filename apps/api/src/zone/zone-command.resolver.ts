import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { addZoneCommand, changeZoneCommand, removeZoneCommand } from './zone-command.builders.js';
import { AddZoneInput, ChangeZoneInput, RemoveZoneInput } from './zone-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the zones (trust boundaries) of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class ZoneCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Adds a trust zone (boundary), possibly nested in another. */
  @Mutation(() => CommandResult, {
    description:
      'Adds a trust zone (boundary), possibly nested in another. Runs AddZone against the model at expectedVersion (see executeModelCommand).',
  })
  addZone(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddZoneInput }) input: AddZoneInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      addZoneCommand(input),
      inputField,
    );
  }

  /** Changes a zone; absent fields keep their value. */
  @Mutation(() => CommandResult, {
    description:
      'Changes a zone; absent fields keep their value. Runs ChangeZone against the model at expectedVersion (see executeModelCommand).',
  })
  changeZone(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeZoneInput }) input: ChangeZoneInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeZoneCommand(input),
      inputField,
    );
  }

  /** Removes an empty zone. */
  @Mutation(() => CommandResult, {
    description:
      'Removes an empty zone. Runs RemoveZone against the model at expectedVersion (see executeModelCommand).',
  })
  removeZone(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveZoneInput }) input: RemoveZoneInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeZoneCommand(input),
      inputField,
    );
  }
}
