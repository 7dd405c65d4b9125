import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { attestChecklistItemCommand } from './checklist-command.builders.js';
import { AttestChecklistItemInput } from './checklist-command.inputs.js';
import { ModelCommandService } from '../model/model-command.service.js';
import { CommandResult } from '../model/model-command.types.js';
import { inputField } from '../model/typed-command.js';

/** Typed mutations on the closure checklist: reviewers' attestations. */
@Resolver()
export class ChecklistCommandResolver {
  constructor(private readonly commands: ModelCommandService) {}

  /** Records a reviewer's verdict on clarity or specificity. */
  @Mutation(() => CommandResult, {
    description:
      "Records a reviewer's verdict and note on an attested checklist item (clarity, specificity). Allowed to the owner's admins and risk owners and to members of an auditor share; allowed on a frozen version. Runs AttestChecklistItem against the model at expectedVersion (see executeModelCommand).",
  })
  attestChecklistItem(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => AttestChecklistItemInput }) input: AttestChecklistItemInput,
  ): Promise<CommandResult> {
    return this.commands.execute(
      scope,
      modelId,
      expectedVersion,
      attestChecklistItemCommand(input),
      inputField,
    );
  }
}
