import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AttestableChecklistItem, AttestationVerdict, ChecklistItemStatus } from './model-enums.js';

/** One STRIDE column of a matrix row: the threat refs filed under it. */
@ObjectType()
export class StrideCell {
  @Field(() => String)
  category!: string;

  @Field(() => [Int])
  refs!: number[];
}

/** An element or flow in the STRIDE-per-element matrix. */
@ObjectType()
export class StrideMatrixRow {
  @Field(() => String, { description: 'element or flow' })
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [ID])
  zoneIds!: string[];

  @Field(() => Boolean)
  crossesBoundary!: boolean;

  @Field(() => [String], { description: 'Categories the STRIDE rules suggest for this row.' })
  suggested!: string[];

  @Field(() => [StrideCell])
  cells!: StrideCell[];

  @Field(() => [String], { description: 'Suggested categories without a threat yet.' })
  unexamined!: string[];
}

/** The STRIDE-per-element matrix of a model. */
@ObjectType()
export class StrideMatrix {
  @Field(() => [String])
  columns!: string[];

  @Field(() => [StrideMatrixRow])
  rows!: StrideMatrixRow[];

  @Field(() => [Int], { description: 'Refs of threats tied to no element or flow.' })
  unassigned!: number[];
}

/** Something a checklist item found wanting. */
@ObjectType()
export class ChecklistOffender {
  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  ref!: number | null;

  @Field(() => String)
  reason!: string;
}

/** Who attested a checklist item, for which organisation. */
@ObjectType()
export class ChecklistAttester {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => ID)
  organisationId!: string;
}

/** The semantic change that made an attestation stale. */
@ObjectType()
export class AttestationInvalidation {
  @Field(() => Int, { description: 'Stream version of the change.' })
  streamVersion!: number;

  @Field(() => String, { description: 'Event type of the change, e.g. ThreatRevised.' })
  eventType!: string;
}

/** A reviewer's verdict on an attested checklist item. */
@ObjectType()
export class ChecklistAttestation {
  @Field(() => AttestableChecklistItem)
  item!: keyof typeof AttestableChecklistItem;

  @Field(() => AttestationVerdict)
  verdict!: keyof typeof AttestationVerdict;

  @Field(() => String)
  note!: string;

  @Field(() => ChecklistAttester)
  attestedBy!: ChecklistAttester;

  @Field(() => String, { description: 'ISO-8601 time of the attestation.' })
  attestedAt!: string;

  @Field(() => Int, { description: 'Stream version of the ChecklistItemAttested event.' })
  streamVersion!: number;

  @Field(() => AttestationInvalidation, {
    nullable: true,
    description: 'The first change to threats or mitigations after it; null while current.',
  })
  invalidatedBy!: AttestationInvalidation | null;
}

/** One item of the closure checklist. */
@ObjectType()
export class ChecklistItem {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => ChecklistItemStatus)
  status!: keyof typeof ChecklistItemStatus;

  @Field(() => Boolean, { description: 'True when the status is pass or attested.' })
  passed!: boolean;

  @Field(() => [ChecklistOffender])
  offenders!: ChecklistOffender[];

  @Field(() => ChecklistAttestation, {
    nullable: true,
    description: 'The latest attestation of an attested item; null otherwise.',
  })
  attestation!: ChecklistAttestation | null;
}

/** The closure checklist ("did we do a good job?") of a model. */
@ObjectType()
export class Checklist {
  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => Int)
  passedCount!: number;

  @Field(() => [ChecklistItem])
  items!: ChecklistItem[];
}

/** An entity whose fields changed. */
@ObjectType()
export class ChangedEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => [String])
  fields!: string[];
}

/** Added, removed and changed ids of one kind of entity. */
@ObjectType()
export class CollectionDiff {
  @Field(() => [ID])
  added!: string[];

  @Field(() => [ID])
  removed!: string[];

  @Field(() => [ChangedEntry])
  changed!: ChangedEntry[];
}

/** What changed in a model between two global positions. */
@ObjectType()
export class ModelDiff {
  @Field(() => Int)
  fromPosition!: number;

  @Field(() => Int)
  toPosition!: number;

  @Field(() => CollectionDiff)
  zones!: CollectionDiff;

  @Field(() => CollectionDiff)
  elements!: CollectionDiff;

  @Field(() => CollectionDiff)
  flows!: CollectionDiff;

  @Field(() => CollectionDiff)
  assets!: CollectionDiff;

  @Field(() => CollectionDiff)
  threats!: CollectionDiff;

  @Field(() => CollectionDiff)
  scores!: CollectionDiff;

  @Field(() => CollectionDiff)
  mitigations!: CollectionDiff;

  @Field(() => CollectionDiff)
  decisions!: CollectionDiff;
}
