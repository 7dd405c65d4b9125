import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { addElementCommand } from './element-command.builder.js';
import { AddElementInput } from './element-command.inputs.js';
import { ModelCommandService } from './model-command.service.js';
import { CommandResult } from './model-command.types.js';
import { identifyThreatCommand, scoreThreatCommand } from './threat-command.builders.js';
import { IdentifyThreatInput, ScoreThreatInput } from './threat-command.inputs.js';

/** Typed mutations for the most used element and threat commands; they run through the same path as executeModelCommand. */
@Resolver()
export class ThreatCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Adds an element (external entity, process or data store) to a zone of the model. */
  @Mutation(() => CommandResult, {
    description: 'Runs AddElement against the model at expectedVersion (see executeModelCommand).',
  })
  addElement(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AddElementInput }) input: AddElementInput,
  ): Promise<CommandResult> {
    return this.commands.execute(scope, modelId, expectedVersion, addElementCommand(input));
  }

  /** Records a threat against an element or flow of the model. */
  @Mutation(() => CommandResult, {
    description:
      'Runs IdentifyThreat against the model at expectedVersion (see executeModelCommand).',
  })
  identifyThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => IdentifyThreatInput }) input: IdentifyThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(scope, modelId, expectedVersion, identifyThreatCommand(input));
  }

  /** Scores a threat by CVSS, OWASP, a matrix or a stated score. */
  @Mutation(() => CommandResult, {
    description: 'Runs ScoreThreat against the model at expectedVersion (see executeModelCommand).',
  })
  scoreThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ScoreThreatInput }) input: ScoreThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(scope, modelId, expectedVersion, scoreThreatCommand(input));
  }
}
