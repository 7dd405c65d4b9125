import { Field, ID, InputType } from '@nestjs/graphql';
import { ThreatsPolicyInput } from '../threat/threats-policy.input.js';

/** The AddFlow domain command as typed input. */
@InputType()
export class AddFlowInput {
  @Field(() => ID, { description: 'Client-chosen id of the new flow.' })
  flowId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID)
  sourceId!: string;

  @Field(() => ID)
  destinationId!: string;

  @Field(() => Boolean, { nullable: true })
  bidirectional?: boolean | null;

  @Field(() => String, { nullable: true, description: 'What the flow carries, in words.' })
  data?: string | null;

  @Field(() => String, { nullable: true })
  protocol?: string | null;
}

/** The ChangeFlow domain command as typed input: absent fields keep their value. */
@InputType()
export class ChangeFlowInput {
  @Field(() => ID)
  flowId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true })
  sourceId?: string | null;

  @Field(() => ID, { nullable: true })
  destinationId?: string | null;

  @Field(() => Boolean, { nullable: true })
  bidirectional?: boolean | null;

  @Field(() => String, { nullable: true })
  data?: string | null;

  @Field(() => String, { nullable: true })
  protocol?: string | null;
}

/** The RemoveFlow domain command as typed input. */
@InputType()
export class RemoveFlowInput {
  @Field(() => ID)
  flowId!: string;

  @Field(() => ThreatsPolicyInput)
  threats!: ThreatsPolicyInput;
}
