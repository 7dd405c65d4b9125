import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/pagination.js';

/** How a threat was scored and what it came to. */
@ObjectType()
export class ThreatScore {
  @Field(() => String, { description: 'cvss, owasp, matrix or stated' })
  method!: string;

  @Field(() => String, { nullable: true, description: 'CVSS vector when method is cvss.' })
  vector!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Computed score (0-10), null for matrix and stated.',
  })
  value!: number | null;

  @Field(() => String, { nullable: true })
  severity!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Score recorded by a person or source document.',
  })
  statedValue!: number | null;
}

/** A mitigation addressing the threat (mitigations may address several threats). */
@ObjectType()
export class ThreatMitigation {
  @Field(() => ID)
  id!: string;

  @Field(() => [String])
  strategies!: string[];

  @Field(() => String)
  action!: string;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field(() => String)
  status!: string;

  @Field(() => String, { nullable: true })
  dueDate!: string | null;

  @Field(() => String, { nullable: true })
  ticketUrl!: string | null;

  @Field(() => Float, { nullable: true })
  residualScore!: number | null;

  @Field(() => String, { nullable: true })
  residualSeverity!: string | null;
}

/** The live risk decision (accept or transfer) on a threat. */
@ObjectType()
export class RiskDecision {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field(() => String, { nullable: true })
  transferredTo!: string | null;

  @Field(() => String)
  decidedBy!: string;

  @Field(() => String, { nullable: true })
  approvedBy!: string | null;

  @Field(() => String)
  decidedAt!: string;

  @Field(() => String, { nullable: true })
  expiresAt!: string | null;
}

/** A threat of a model, as the threat register shows it. */
@ObjectType()
export class Threat {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  modelId!: string;

  @Field(() => Int)
  ref!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The ref the source document used, when it differs.',
  })
  sourceRef!: number | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'STRIDE category: spoofing, tampering, repudiation, ...' })
  stride!: string;

  @Field(() => String, { nullable: true })
  linddun!: string | null;

  @Field(() => String, { nullable: true, description: 'element or flow' })
  targetKind!: string | null;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => String)
  status!: string;

  @Field(() => ThreatScore, { nullable: true })
  score!: ThreatScore | null;

  @Field(() => [ThreatMitigation])
  mitigations!: ThreatMitigation[];

  @Field(() => RiskDecision, { nullable: true })
  decision!: RiskDecision | null;
}

/** Narrows a threat list; every given criterion must match. */
@InputType()
export class ThreatFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Severities to keep (critical, high, ...).',
  })
  severity?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'STRIDE categories to keep (spoofing, tampering, ...).',
  })
  stride?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Threat statuses to keep.' })
  status?: string[] | null;
}

/** A page of threats, ordered by ref. */
@ObjectType()
export class ThreatConnection extends Connection(Threat, 'Threat') {}
