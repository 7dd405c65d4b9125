import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { CollabService } from '../collab/collab.service.js';
import {
  addElementCommand,
  changeElementCommand,
  layoutOf,
  removeElementCommand,
} from './element-command.builders.js';
import {
  AddElementInput,
  ChangeElementInput,
  RemoveElementInput,
} from './element-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the DFD elements of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class ElementCommandResolver {
  constructor(
    private readonly commands: ModelCommandService,
    private readonly collab: CollabService,
  ) {}

  /** Adds an element (external entity, process or data store) to a zone of the model. */
  @Mutation(() => CommandResult, {
    description:
      'Adds an element (external entity, process or data store) to a zone of the model. Runs AddElement against the model at expectedVersion (see executeModelCommand).',
  })
  async addElement(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddElementInput }) input: AddElementInput,
  ): Promise<CommandResult> {
    const layout = layoutOf(input.layout);
    const result = await this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      addElementCommand(input),
      inputField,
    );
    if (layout != null) {
      await this.collab.writeElementLayout(
        scope,
        modelId,
        input.elementId,
        layout,
        'input.elementId',
      );
    }
    return result;
  }

  /** Changes an element; absent fields keep their value. */
  @Mutation(() => CommandResult, {
    description:
      'Changes an element; absent fields keep their value. Runs ChangeElement against the model at expectedVersion (see executeModelCommand).',
  })
  async changeElement(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeElementInput }) input: ChangeElementInput,
  ): Promise<CommandResult> {
    const layout = layoutOf(input.layout);
    const command = changeElementCommand(input);
    const result =
      command === null
        ? await this.commands.unchanged(scope, modelId, expectedVersion)
        : await this.commands.execute(scope, modelId, expectedVersion, command, inputField);
    if (layout !== undefined) {
      await this.collab.writeElementLayout(
        scope,
        modelId,
        input.elementId,
        layout,
        'input.elementId',
      );
    }
    return result;
  }

  /** Removes an element, saying what happens to its threats and flows. */
  @Mutation(() => CommandResult, {
    description:
      'Removes an element, saying what happens to its threats and flows. Runs RemoveElement against the model at expectedVersion (see executeModelCommand).',
  })
  removeElement(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveElementInput }) input: RemoveElementInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeElementCommand(input),
      inputField,
    );
  }
}
