import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import {
  LinddunCategory,
  NoThreatsTargetKind,
  ScoreMethod,
  Severity,
  StrideCategory,
  TargetKind,
  ThreatStatus,
} from '../model/model-enums.js';

/** What a threat is about: one element or one flow of the model. */
@InputType()
export class ThreatTargetInput {
  @Field(() => TargetKind)
  kind!: keyof typeof TargetKind;

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

  @Field(() => StrideCategory)
  stride!: keyof typeof StrideCategory;

  @Field(() => LinddunCategory, { nullable: true })
  linddun?: keyof typeof LinddunCategory | null;

  @Field(() => ThreatTargetInput)
  target!: ThreatTargetInput;

  @Field(() => [ID], { nullable: true })
  assetIds?: string[] | null;
}

/**
 * The ScoreThreat domain command as typed input: `method` says which of the
 * other fields apply (cvss: vector; owasp: factors; matrix: likelihood and
 * impact; stated: none); a field of another method is refused.
 */
@InputType()
export class ScoreThreatInput {
  @Field(() => ID)
  threatId!: string;

  @Field(() => ScoreMethod)
  method!: keyof typeof ScoreMethod;

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

  @Field(() => Severity, {
    nullable: true,
    description: 'The severity a person or source document gave.',
  })
  statedSeverity?: keyof typeof Severity | null;
}

/** The ReviseThreat domain command as typed input: absent fields keep their value. */
@InputType()
export class ReviseThreatInput {
  @Field(() => ID)
  threatId!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => StrideCategory, { nullable: true })
  stride?: keyof typeof StrideCategory | null;

  @Field(() => LinddunCategory, { nullable: true, description: 'null removes the category.' })
  linddun?: keyof typeof LinddunCategory | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the assets at stake.' })
  assetIds?: string[] | null;
}

/** The RetargetThreat domain command as typed input. */
@InputType()
export class RetargetThreatInput {
  @Field(() => ID)
  threatId!: string;

  @Field(() => ThreatTargetInput)
  target!: ThreatTargetInput;
}

/** The ChangeThreatStatus domain command as typed input. */
@InputType()
export class ChangeThreatStatusInput {
  @Field(() => ID)
  threatId!: string;

  @Field(() => ThreatStatus)
  status!: keyof typeof ThreatStatus;
}

/** The RemoveThreat domain command as typed input. */
@InputType()
export class RemoveThreatInput {
  @Field(() => ID)
  threatId!: string;
}

/** The DeclareNoThreats domain command as typed input. */
@InputType()
export class DeclareNoThreatsInput {
  @Field(() => NoThreatsTargetKind)
  targetKind!: keyof typeof NoThreatsTargetKind;

  @Field(() => ID)
  targetId!: string;

  @Field(() => String, { description: 'Why nothing can go wrong there.' })
  reason!: string;
}

/** The WithdrawNoThreats domain command as typed input. */
@InputType()
export class WithdrawNoThreatsInput {
  @Field(() => NoThreatsTargetKind)
  targetKind!: keyof typeof NoThreatsTargetKind;

  @Field(() => ID)
  targetId!: string;
}
