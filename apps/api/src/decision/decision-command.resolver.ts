import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  acceptRiskCommand,
  revokeRiskDecisionCommand,
  transferRiskCommand,
} from './decision-command.builders.js';
import {
  AcceptRiskInput,
  RevokeRiskDecisionInput,
  TransferRiskInput,
} from './decision-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the risk decisions of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class DecisionCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Accepts the risk of a threat (a rationale and a risk owner at or above the approval threshold). */
  @Mutation(() => CommandResult, {
    description:
      'Accepts the risk of a threat (a rationale and a risk owner at or above the approval threshold). Runs AcceptRisk against the model at expectedVersion (see executeModelCommand).',
  })
  acceptRisk(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AcceptRiskInput }) input: AcceptRiskInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      acceptRiskCommand(input),
      inputField,
    );
  }

  /** Transfers the risk of a threat to another party. */
  @Mutation(() => CommandResult, {
    description:
      'Transfers the risk of a threat to another party. Runs TransferRisk against the model at expectedVersion (see executeModelCommand).',
  })
  transferRisk(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => TransferRiskInput }) input: TransferRiskInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      transferRiskCommand(input),
      inputField,
    );
  }

  /** Revokes a risk decision, with a reason. */
  @Mutation(() => CommandResult, {
    description:
      'Revokes a risk decision, with a reason. Runs RevokeRiskDecision against the model at expectedVersion (see executeModelCommand).',
  })
  revokeRiskDecision(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RevokeRiskDecisionInput }) input: RevokeRiskDecisionInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      revokeRiskDecisionCommand(input),
      inputField,
    );
  }
}
