import { Field, ID, InputType } from '@nestjs/graphql';

/** The RecordAssumption domain command as typed input. */
@InputType()
export class RecordAssumptionInput {
  @Field(() => ID, { description: 'Client-chosen id of the new assumption.' })
  assumptionId!: string;

  @Field(() => String)
  text!: string;
}

/** The WithdrawAssumption domain command as typed input. */
@InputType()
export class WithdrawAssumptionInput {
  @Field(() => ID)
  assumptionId!: string;
}

/** The ExcludeFromScope domain command as typed input. */
@InputType()
export class ExcludeFromScopeInput {
  @Field(() => ID, { description: 'Client-chosen id of the new exclusion.' })
  exclusionId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => [ID], { nullable: true, description: 'Elements the exclusion concerns, if any.' })
  elementIds?: string[] | null;
}
