import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/pagination.js';

/** A threat a decision is about, as the model named it then. */
@ObjectType()
export class DecisionLogThreat {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Its ref then (null when it was unknown).' })
  ref!: number | null;

  @Field(() => String, { nullable: true, description: 'Its title then.' })
  title!: string | null;
}

/** One decision taken on a model: what, by whom, for which organisation, when and why. */
@ObjectType()
export class DecisionLogEntry {
  @Field(() => String, {
    description:
      'score, strategy, ownership, acceptance, transfer, approval, revocation, no_threats, attestation, freeze or sign_off.',
  })
  kind!: string;

  @Field(() => String, { description: 'The decision in one line.' })
  summary!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why, as the decider wrote it (rationale, reason, note).',
  })
  rationale!: string | null;

  @Field(() => [DecisionLogThreat])
  threats!: DecisionLogThreat[];

  @Field(() => String, {
    nullable: true,
    description: 'What else it is about: a mitigation, a checklist item, a version.',
  })
  subject!: string | null;

  @Field(() => String, { description: 'Id of the user or service that took the decision.' })
  actor!: string;

  @Field(() => String, { description: 'Organisation the actor acted for.' })
  organisation!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'The roles the actor held in that organisation when deciding; null for decisions recorded before roles were kept.',
  })
  roles!: string[] | null;

  @Field(() => String, { description: 'When the decision was recorded (ISO 8601).' })
  recordedAt!: string;

  @Field(() => Int, {
    description:
      'Global position of the event that recorded it: pass it as model(asOf: { position }) to see the model at that moment.',
  })
  position!: number;

  @Field(() => Int, { description: 'Stream version of that event.' })
  streamVersion!: number;
}

@ObjectType()
export class DecisionLogConnection extends Connection(DecisionLogEntry, 'DecisionLogEntry') {}

/** Which decisions to keep (all when empty). */
@InputType()
export class DecisionLogFilter {
  @Field(() => [String], { nullable: true, description: 'Kinds to keep.' })
  kinds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only decisions about this threat.' })
  threatId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only decisions of this actor (user id).' })
  actor?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only decisions taken for this organisation.',
  })
  organisation?: string | null;
}
