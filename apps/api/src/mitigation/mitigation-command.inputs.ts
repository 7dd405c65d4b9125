import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { EffectivenessLevel, MitigationStatus, Severity, Strategy } from '../model/model-enums.js';

/** Residual risk as a person states it. */
@InputType()
export class ResidualRiskInput {
  @Field(() => Float, { nullable: true, description: '0-10.' })
  score?: number | null;

  @Field(() => Severity, { nullable: true })
  severity?: keyof typeof Severity | null;
}

/**
 * The PlanMitigation domain command as typed input. The domain's effectiveness
 * is a fraction or a named level: give at most one of `effectiveness` and
 * `effectivenessLevel`.
 */
@InputType()
export class PlanMitigationInput {
  @Field(() => ID, { description: 'Client-chosen id of the new mitigation.' })
  mitigationId!: string;

  @Field(() => [ID], { description: 'The threats it addresses (at least one).' })
  threatIds!: string[];

  @Field(() => [Strategy])
  strategies!: (keyof typeof Strategy)[];

  @Field(() => String)
  action!: string;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => MitigationStatus, { nullable: true, description: "'proposed' when absent." })
  status?: keyof typeof MitigationStatus | null;

  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'How the control will be verified.' })
  verification?: string | null;

  @Field(() => String, { nullable: true })
  ticketUrl?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the risk the control removes, 0-1; not with effectivenessLevel.',
  })
  effectiveness?: number | null;

  @Field(() => EffectivenessLevel, {
    nullable: true,
    description: 'Effectiveness as a named level; not with effectiveness.',
  })
  effectivenessLevel?: keyof typeof EffectivenessLevel | null;

  @Field(() => ResidualRiskInput, { nullable: true })
  residualRisk?: ResidualRiskInput | null;
}

/**
 * The ReviseMitigation domain command as typed input: absent fields keep their
 * value, an explicit null clears owner, dueDate, verification, ticketUrl,
 * effectiveness (either field) or residualRisk.
 */
@InputType()
export class ReviseMitigationInput {
  @Field(() => ID)
  mitigationId!: string;

  @Field(() => [Strategy], { nullable: true })
  strategies?: (keyof typeof Strategy)[] | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' })
  dueDate?: string | null;

  @Field(() => String, { nullable: true })
  verification?: string | null;

  @Field(() => String, { nullable: true })
  ticketUrl?: string | null;

  @Field(() => Float, { nullable: true, description: '0-1; not with effectivenessLevel.' })
  effectiveness?: number | null;

  @Field(() => EffectivenessLevel, { nullable: true, description: 'Not with effectiveness.' })
  effectivenessLevel?: keyof typeof EffectivenessLevel | null;

  @Field(() => ResidualRiskInput, { nullable: true })
  residualRisk?: ResidualRiskInput | null;
}

/** The ChangeMitigationStatus domain command as typed input. */
@InputType()
export class ChangeMitigationStatusInput {
  @Field(() => ID)
  mitigationId!: string;

  @Field(() => MitigationStatus)
  status!: keyof typeof MitigationStatus;
}

/** The LinkMitigation domain command as typed input. */
@InputType()
export class LinkMitigationInput {
  @Field(() => ID)
  mitigationId!: string;

  @Field(() => ID)
  threatId!: string;
}

/** The UnlinkMitigation domain command as typed input. */
@InputType()
export class UnlinkMitigationInput extends LinkMitigationInput {}
