import { Field, InputType } from '@nestjs/graphql';
import { ThreatsPolicy } from '../model/model-enums.js';
import { ThreatTargetInput } from './threat-command.inputs.js';
import { refuseField } from '../model/typed-command.js';

/** What happens to the threats of an element or flow being removed; `target` only with 'reassign'. */
@InputType()
export class ThreatsPolicyInput {
  @Field(() => ThreatsPolicy)
  policy!: keyof typeof ThreatsPolicy;

  @Field(() => ThreatTargetInput, {
    nullable: true,
    description: "The element or flow that takes the threats over; required with 'reassign' only.",
  })
  target?: ThreatTargetInput | null;
}

/** The domain's threats policy; refuses a target with a policy other than 'reassign'. */
export function threatsPolicy(input: ThreatsPolicyInput): Record<string, unknown> {
  if (input.policy !== 'reassign') {
    if (input.target != null) {
      refuseField('threats.target', "no target unless policy is 'reassign'");
    }
    return { policy: input.policy };
  }
  if (input.target == null) refuseField('threats.target', "a target when policy is 'reassign'");
  return { policy: input.policy, target: { kind: input.target.kind, id: input.target.id } };
}
