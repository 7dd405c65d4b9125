import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/pagination.js';
import { HistoryCheckpoint } from '../history/history.types.js';

/** An asset at stake in a model. */
@ObjectType()
export class ModelAsset {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'low, medium, high or critical' })
  sensitivity!: string;

  @Field(() => String, { description: 'Business impact if compromised, on the sensitivity scale.' })
  businessImpact!: string;
}

/** An assumption the model relies on. */
@ObjectType()
export class Assumption {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  text!: string;
}

/** Something the model leaves out of scope, with the elements it concerns. */
@ObjectType()
export class ScopeExclusion {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  text!: string;

  @Field(() => [ID])
  elementIds!: string[];
}

/** A threat a mitigation addresses. */
@ObjectType()
export class MitigatedThreat {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Null when the threat was removed since.' })
  ref!: number | null;

  @Field(() => String, { nullable: true })
  title!: string | null;
}

/** Residual risk as a person stated it. */
@ObjectType()
export class StatedResidualRisk {
  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => String, { nullable: true })
  severity!: string | null;
}

/** A mitigation of a model, with the threats it addresses. */
@ObjectType()
export class ModelMitigation {
  @Field(() => ID)
  id!: string;

  @Field(() => [MitigatedThreat])
  threats!: MitigatedThreat[];

  @Field(() => [String], { description: 'eliminate, mitigate, accept, transfer' })
  strategies!: string[];

  @Field(() => String)
  action!: string;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field(() => String, { description: 'proposed, open, planned, in_progress, implemented, ...' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'ISO date.' })
  dueDate!: string | null;

  @Field(() => String, { nullable: true })
  verification!: string | null;

  @Field(() => String, { nullable: true })
  ticketUrl!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Effectiveness as a fraction 0-1, when given so.',
  })
  effectiveness!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Effectiveness as a named level, when given so.',
  })
  effectivenessLevel!: string | null;

  @Field(() => StatedResidualRisk, { nullable: true })
  residualRisk!: StatedResidualRisk | null;
}

/** When and by whom a risk decision was revoked, and why. */
@ObjectType()
export class RiskDecisionRevocation {
  @Field(() => String)
  at!: string;

  @Field(() => String)
  by!: string;

  @Field(() => String)
  reason!: string;
}

/** A decision to accept or transfer the risk of a threat. */
@ObjectType()
export class ModelRiskDecision {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'accept or transfer' })
  kind!: string;

  @Field(() => ID)
  threatId!: string;

  @Field(() => String, { nullable: true })
  rationale!: string | null;

  @Field(() => String, { nullable: true })
  transferredTo!: string | null;

  @Field(() => String, { description: 'User id of who decided.' })
  decidedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The risk owner who approved it, if needed.',
  })
  approvedBy!: string | null;

  @Field(() => String)
  decidedAt!: string;

  @Field(() => String, { nullable: true })
  expiresAt!: string | null;

  @Field(() => RiskDecisionRevocation, { nullable: true })
  revoked!: RiskDecisionRevocation | null;
}

/** One node of an attack tree: an AND/OR gate or a leaf attacker step. */
@ObjectType()
export class AttackTreeNode {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Null for the root.' })
  parentId!: string | null;

  @Field(() => String, { description: 'and, or or leaf' })
  kind!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'As given for a leaf; computed from the children for AND/OR nodes.',
  })
  feasibility!: string | null;
}

/** An attack tree breaking one threat into attacker steps. */
@ObjectType()
export class ModelAttackTree {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  threatId!: string;

  @Field(() => ID)
  rootNodeId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Feasibility of the root (the attacker's goal).",
  })
  feasibility!: string | null;

  @Field(() => [AttackTreeNode], { description: 'Every node, ordered by id.' })
  nodes!: AttackTreeNode[];
}

/** A sign-off of a frozen version. */
@ObjectType()
export class VersionSignOff {
  @Field(() => String)
  by!: string;

  @Field(() => String)
  at!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Organisation the signer acted for (null if its event is not found).',
  })
  organisation!: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "The signer's roles then (null for events stored before roles were recorded).",
  })
  roles!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Global position of the sign-off event.' })
  position!: number | null;
}

/** The closure checklist of a frozen version, judged on its snapshot as of its freeze. */
@ObjectType()
export class VersionChecklist {
  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => Int)
  passedCount!: number;

  @Field(() => Int)
  itemCount!: number;

  @Field(() => [String], { description: 'Ids of the items that did not pass.' })
  failedItems!: string[];
}

/** A frozen version of a model. */
@ObjectType()
export class ModelVersion {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  frozenAt!: string;

  @Field(() => String)
  frozenBy!: string;

  @Field(() => VersionSignOff, { nullable: true })
  signedOff!: VersionSignOff | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Global position of the freeze event: the model at model(asOf: { position }) is this version.',
  })
  frozenPosition!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Organisation the freezer acted for (null if its event is not found).',
  })
  frozenOrganisation!: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "The freezer's roles then (null for events stored before roles were recorded).",
  })
  frozenRoles!: string[] | null;

  @Field(() => VersionChecklist, {
    description: 'The closure checklist of the frozen snapshot, as of the freeze.',
  })
  checklist!: VersionChecklist;

  @Field(() => HistoryCheckpoint, {
    nullable: true,
    description:
      'The first signed checkpoint of the event log that sealed the freeze (the server seals at every freeze); null while unsealed.',
  })
  checkpoint!: HistoryCheckpoint | null;
}

/** A page of assets, ordered by id. */
@ObjectType()
export class ModelAssetConnection extends Connection(ModelAsset, 'ModelAsset') {}

/** A page of assumptions, ordered by id. */
@ObjectType()
export class AssumptionConnection extends Connection(Assumption, 'Assumption') {}

/** A page of scope exclusions, ordered by id. */
@ObjectType()
export class ScopeExclusionConnection extends Connection(ScopeExclusion, 'ScopeExclusion') {}

/** A page of mitigations, ordered by id. */
@ObjectType()
export class ModelMitigationConnection extends Connection(ModelMitigation, 'ModelMitigation') {}

/** A page of risk decisions (revoked ones included), ordered by id. */
@ObjectType()
export class ModelRiskDecisionConnection extends Connection(
  ModelRiskDecision,
  'ModelRiskDecision',
) {}

/** A page of attack trees, ordered by id. */
@ObjectType()
export class ModelAttackTreeConnection extends Connection(ModelAttackTree, 'ModelAttackTree') {}

/** A page of frozen versions, oldest first. */
@ObjectType()
export class ModelVersionConnection extends Connection(ModelVersion, 'ModelVersion') {}

/** A score range mapped to a severity and the policy applied to it. */
@ObjectType()
export class SeverityBand {
  @Field(() => String, { description: 'low, medium, high or critical.' })
  severity!: string;

  @Field(() => Float, { description: 'Lowest score in the band, inclusive.' })
  min!: number;

  @Field(() => Float, { description: 'Highest score in the band, inclusive.' })
  max!: number;

  @Field(() => String)
  policy!: string;
}

/** A likelihood x impact matrix: `cells[l][i]` is the severity for likelihood l, impact i. */
@ObjectType()
export class RiskMatrix {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'Least to most likely.' })
  likelihood!: string[];

  @Field(() => [String], { description: 'Least to most severe.' })
  impact!: string[];

  @Field(() => [[String]])
  cells!: string[][];
}

/** The policy a model applies when scoring and deciding risks. */
@ObjectType()
export class ModelSettings {
  @Field(() => [SeverityBand])
  severityBands!: SeverityBand[];

  @Field(() => String, {
    description:
      'Accepting or transferring a risk at or above this severity needs a rationale and a risk owner.',
  })
  approvalThreshold!: string;

  @Field(() => RiskMatrix, { nullable: true })
  riskMatrix!: RiskMatrix | null;

  @Field(() => Boolean, {
    description:
      'Whether traceability asks a ticket link of every mitigation of a Critical/High or unscored threat.',
  })
  requiresTicketLinks!: boolean;
}
