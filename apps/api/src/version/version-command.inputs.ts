import { Field, InputType, Int } from '@nestjs/graphql';

/** The FreezeModelVersion domain command as typed input. */
@InputType()
export class FreezeModelVersionInput {
  @Field(() => String, { description: 'Name of the version ("v1.0 for the audit").' })
  label!: string;
}

/** The SignOffModelVersion domain command as typed input. */
@InputType()
export class SignOffModelVersionInput {
  @Field(() => Int, { description: 'Number of the frozen version to sign off.' })
  versionNumber!: number;
}

/** The PlanExternalValidation domain command as typed input. */
@InputType()
export class PlanExternalValidationInput {
  @Field(() => String)
  reviewer!: string;

  @Field(() => String, { description: 'ISO date (YYYY-MM-DD).' })
  plannedFor!: string;

  @Field(() => String, { nullable: true })
  scope?: string | null;
}
