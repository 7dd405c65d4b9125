import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { ModelCommandService } from './model-command.service.js';
import { CommandResult, CreateThreatModelInput } from './model-command.types.js';

/** Mutations: every change to a model is a domain command. */
@Resolver()
export class ModelCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Creates a threat model. */
  @Mutation(() => CommandResult, { description: 'Creates a threat model in a system.' })
  createThreatModel(
    @Scope() scope: RequestScope,
    @Args('input', { type: () => CreateThreatModelInput }) input: CreateThreatModelInput,
  ): Promise<CommandResult> {
    return this.commands.create(scope, input);
  }

  /** Runs one domain command against a model at an expected stream version. */
  @Mutation(() => CommandResult, {
    description:
      'Runs one domain command (`command.type`, e.g. IdentifyThreat, ScoreThreat, AcceptRisk; see docs/domain.md) ' +
      "against the model. expectedVersion is the model's streamVersion you read; a concurrent change answers CONFLICT.",
  })
  executeModelCommand(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('command', { type: () => JsonScalar }) command: unknown,
  ): Promise<CommandResult> {
    return this.commands.execute(scope, modelId, expectedVersion, command);
  }
}
