import { Field, ID, InputType } from '@nestjs/graphql';

/** The AcceptRisk domain command as typed input. */
@InputType()
export class AcceptRiskInput {
  @Field(() => ID, { description: 'Client-chosen id of the new decision.' })
  decisionId!: string;

  @Field(() => ID)
  threatId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Required at or above the model's approval threshold.",
  })
  rationale?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time with offset.' })
  expiresAt?: string | null;
}

/** The TransferRisk domain command as typed input. */
@InputType()
export class TransferRiskInput extends AcceptRiskInput {
  @Field(() => String, { description: 'Who carries the risk now (insurer, vendor, ...).' })
  transferredTo!: string;
}

/** The RevokeRiskDecision domain command as typed input. */
@InputType()
export class RevokeRiskDecisionInput {
  @Field(() => ID)
  decisionId!: string;

  @Field(() => String)
  reason!: string;
}
