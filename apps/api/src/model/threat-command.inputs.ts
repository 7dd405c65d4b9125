import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

/** What a threat is about: one element or one flow of the model. */
@InputType()
export class ThreatTargetInput {
  @Field(() => String, { description: 'element or flow' })
  kind!: string;

  @Field(() => ID)
  id!: string;
}

/** The IdentifyThreat domain command as typed input; the domain validates the values. */
@InputType()
export class IdentifyThreatInput {
  @Field(() => ID, { description: 'Client-chosen id of the new threat.' })
  threatId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Unique per model; the next free number when absent.',
  })
  ref?: number | null;

  @Field(() => Int, { nullable: true })
  sourceRef?: number | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: 'STRIDE category: spoofing, tampering, repudiation, ...' })
  stride!: string;

  @Field(() => String, {
    nullable: true,
    description: 'LINDDUN category: linking, identifying, ...',
  })
  linddun?: string | null;

  @Field(() => ThreatTargetInput)
  target!: ThreatTargetInput;

  @Field(() => [ID], { nullable: true })
  assetIds?: string[] | null;
}

/** The ScoreThreat domain command as typed input: `method` says which of the other fields apply. */
@InputType()
export class ScoreThreatInput {
  @Field(() => ID)
  threatId!: string;

  @Field(() => String, { description: 'cvss, owasp, matrix or stated' })
  method!: string;

  @Field(() => String, { nullable: true, description: 'CVSS vector when method is cvss.' })
  vector?: string | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'OWASP risk-rating factors when method is owasp.',
  })
  factors?: unknown;

  @Field(() => String, { nullable: true, description: 'Matrix likelihood when method is matrix.' })
  likelihood?: string | null;

  @Field(() => String, { nullable: true, description: 'Matrix impact when method is matrix.' })
  impact?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The score a person or source document gave (0-10).',
  })
  statedScore?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The severity a person or source document gave.',
  })
  statedSeverity?: string | null;
}
