import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import {
  changeThreatStatusCommand,
  declareNoThreatsCommand,
  identifyThreatCommand,
  removeThreatCommand,
  retargetThreatCommand,
  reviseThreatCommand,
  scoreThreatCommand,
  scoreThreatInputField,
  withdrawNoThreatsCommand,
} from './threat-command.builders.js';
import {
  ChangeThreatStatusInput,
  DeclareNoThreatsInput,
  IdentifyThreatInput,
  RemoveThreatInput,
  RetargetThreatInput,
  ReviseThreatInput,
  ScoreThreatInput,
  WithdrawNoThreatsInput,
} from './threat-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the threats of a model. Each runs one domain command through the same path as executeModelCommand. */
@Resolver()
export class ThreatCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Records a threat against an element or flow of the model. */
  @Mutation(() => CommandResult, {
    description:
      'Records a threat against an element or flow of the model. Runs IdentifyThreat against the model at expectedVersion (see executeModelCommand).',
  })
  identifyThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => IdentifyThreatInput }) input: IdentifyThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      identifyThreatCommand(input),
      inputField,
    );
  }

  /** Scores a threat by CVSS, OWASP, a matrix or a stated score. */
  @Mutation(() => CommandResult, {
    description:
      'Scores a threat by CVSS, OWASP, a matrix or a stated score. Runs ScoreThreat against the model at expectedVersion (see executeModelCommand).',
  })
  scoreThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ScoreThreatInput }) input: ScoreThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      scoreThreatCommand(input),
      scoreThreatInputField,
    );
  }

  /** Revises a threat; absent fields keep their value. */
  @Mutation(() => CommandResult, {
    description:
      'Revises a threat; absent fields keep their value. Runs ReviseThreat against the model at expectedVersion (see executeModelCommand).',
  })
  reviseThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ReviseThreatInput }) input: ReviseThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      reviseThreatCommand(input),
      inputField,
    );
  }

  /** Moves a threat to another element or flow. */
  @Mutation(() => CommandResult, {
    description:
      'Moves a threat to another element or flow. Runs RetargetThreat against the model at expectedVersion (see executeModelCommand).',
  })
  retargetThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RetargetThreatInput }) input: RetargetThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      retargetThreatCommand(input),
      inputField,
    );
  }

  /** Changes a threat's status. */
  @Mutation(() => CommandResult, {
    description:
      "Changes a threat's status. Runs ChangeThreatStatus against the model at expectedVersion (see executeModelCommand).",
  })
  changeThreatStatus(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => ChangeThreatStatusInput }) input: ChangeThreatStatusInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      changeThreatStatusCommand(input),
      inputField,
    );
  }

  /** Removes a threat. */
  @Mutation(() => CommandResult, {
    description:
      'Removes a threat. Runs RemoveThreat against the model at expectedVersion (see executeModelCommand).',
  })
  removeThreat(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => RemoveThreatInput }) input: RemoveThreatInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      removeThreatCommand(input),
      inputField,
    );
  }

  /** Declares, with a reason, that an element, flow or zone has no threats. */
  @Mutation(() => CommandResult, {
    description:
      'Declares, with a reason, that an element, flow or zone has no threats. Runs DeclareNoThreats against the model at expectedVersion (see executeModelCommand).',
  })
  declareNoThreats(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => DeclareNoThreatsInput }) input: DeclareNoThreatsInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      declareNoThreatsCommand(input),
      inputField,
    );
  }

  /** Withdraws a "no threats" declaration. */
  @Mutation(() => CommandResult, {
    description:
      'Withdraws a "no threats" declaration. Runs WithdrawNoThreats against the model at expectedVersion (see executeModelCommand).',
  })
  withdrawNoThreats(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => WithdrawNoThreatsInput }) input: WithdrawNoThreatsInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      withdrawNoThreatsCommand(input),
      inputField,
    );
  }
}
