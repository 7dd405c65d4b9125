import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  changeMitigationStatusCommand,
  linkMitigationCommand,
  planMitigationCommand,
  reviseMitigationCommand,
  unlinkMitigationCommand,
} from './mitigation-command.builders.js';
import {
  ChangeMitigationStatusInput,
  LinkMitigationInput,
  PlanMitigationInput,
  ReviseMitigationInput,
  UnlinkMitigationInput,
} from './mitigation-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the mitigations of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class MitigationCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Plans a mitigation for one or more threats. */
  @Mutation(() => CommandResult, {
    description:
      'Plans a mitigation for one or more threats. Runs PlanMitigation against the model at expectedVersion (see executeModelCommand).',
  })
  planMitigation(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => PlanMitigationInput }) input: PlanMitigationInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      planMitigationCommand(input),
      inputField,
    );
  }

  /** Revises a mitigation; absent fields keep their value, null clears. */
  @Mutation(() => CommandResult, {
    description:
      'Revises a mitigation; absent fields keep their value, null clears. Runs ReviseMitigation against the model at expectedVersion (see executeModelCommand).',
  })
  reviseMitigation(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ReviseMitigationInput }) input: ReviseMitigationInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      reviseMitigationCommand(input),
      inputField,
    );
  }

  /** Changes a mitigation's status. */
  @Mutation(() => CommandResult, {
    description:
      "Changes a mitigation's status. Runs ChangeMitigationStatus against the model at expectedVersion (see executeModelCommand).",
  })
  changeMitigationStatus(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeMitigationStatusInput }) input: ChangeMitigationStatusInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeMitigationStatusCommand(input),
      inputField,
    );
  }

  /** Links a mitigation to one more threat. */
  @Mutation(() => CommandResult, {
    description:
      'Links a mitigation to one more threat. Runs LinkMitigation against the model at expectedVersion (see executeModelCommand).',
  })
  linkMitigation(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => LinkMitigationInput }) input: LinkMitigationInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      linkMitigationCommand(input),
      inputField,
    );
  }

  /** Unlinks a mitigation from a threat. */
  @Mutation(() => CommandResult, {
    description:
      'Unlinks a mitigation from a threat. Runs UnlinkMitigation against the model at expectedVersion (see executeModelCommand).',
  })
  unlinkMitigation(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => UnlinkMitigationInput }) input: UnlinkMitigationInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      unlinkMitigationCommand(input),
      inputField,
    );
  }
}
