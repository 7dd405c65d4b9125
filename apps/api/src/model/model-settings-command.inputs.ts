import { Field, Float, InputType } from '@nestjs/graphql';
import { BandSeverity, Severity } from './model-enums.js';

/** A score range mapped to a severity and the policy applied to it. */
@InputType()
export class SeverityBandInput {
  @Field(() => BandSeverity)
  severity!: keyof typeof BandSeverity;

  @Field(() => Float, { description: 'Lowest score in the band, inclusive, one decimal.' })
  min!: number;

  @Field(() => Float, { description: 'Highest score in the band, inclusive, one decimal.' })
  max!: number;

  @Field(() => String, { description: 'What the organisation does about a risk in this band.' })
  policy!: string;
}

/** A likelihood x impact matrix; labels run from least to most, `cells[likelihood][impact]`. */
@InputType()
export class RiskMatrixInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String])
  likelihood!: string[];

  @Field(() => [String])
  impact!: string[];

  @Field(() => [[Severity]])
  cells!: (keyof typeof Severity)[][];
}

/**
 * A model's policy. At creation, absent fields take the defaults (GenomeWell
 * bands, threshold high, no matrix, ticket links required).
 */
@InputType()
export class ModelSettingsInput {
  @Field(() => [SeverityBandInput], {
    nullable: true,
    description: 'Contiguous bands covering 0.1-10.0, one per severity.',
  })
  severityBands?: SeverityBandInput[] | null;

  @Field(() => BandSeverity, {
    nullable: true,
    description: 'Accepting or transferring at or above it needs a rationale and a risk owner.',
  })
  approvalThreshold?: keyof typeof BandSeverity | null;

  @Field(() => RiskMatrixInput, {
    nullable: true,
    description: 'In changeModelSettings, null removes the matrix.',
  })
  riskMatrix?: RiskMatrixInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether traceability asks a ticket link of every mitigation of a Critical/High or unscored threat (default true).',
  })
  requiresTicketLinks?: boolean | null;
}

/** The ChangeModelSettings domain command as typed input: absent fields keep their value. */
@InputType()
export class ChangeModelSettingsInput extends ModelSettingsInput {}

/** The RenameThreatModel domain command as typed input. */
@InputType()
export class RenameThreatModelInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Kept when absent.' })
  description?: string | null;
}
