import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { ModelState } from '@threatloom/domain';
import { Connection } from '../graphql/pagination.js';

/** A threat model (one aggregate, stream `model-<id>`), from its read model. */
@ObjectType()
export class ThreatModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ID, { nullable: true })
  organisationId!: string | null;

  @Field(() => ID, { nullable: true })
  systemId!: string | null;

  @Field(() => Boolean)
  isFrozen!: boolean;

  @Field(() => Int)
  currentVersion!: number;

  @Field(() => Int, {
    description: 'Version of the last event of the model stream (use as expectedVersion).',
  })
  streamVersion!: number;

  @Field(() => ModelPoint, {
    nullable: true,
    description:
      'The point of history this model is shown as of (the asOf argument of Query.model); null for the model as it is now.',
  })
  asOf?: ModelPoint | null;

  /** The replayed state behind a model shown as of a past point: its lists are read from it. */
  replayed?: ModelState;
}

/** A past point of a model: a global position of the event log, or a time. */
@InputType({
  description:
    'A past point of a model: give exactly one of position (a global position of the event log) or time (ISO 8601).',
})
export class ModelAsOfInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The model with every event of its stream at or before this global position.',
  })
  position?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The model with every event of its stream recorded at or before this time (ISO 8601).',
  })
  time?: string | null;
}

/** Where in its history a replayed model stands. */
@ObjectType({ description: 'Where in its history a model shown as of a past point stands.' })
export class ModelPoint {
  @Field(() => Int, { description: 'Global position of the last event the model holds.' })
  position!: number;

  @Field(() => Int, { description: 'Stream version of that event.' })
  streamVersion!: number;

  @Field(() => String, { description: 'When that event was recorded (ISO 8601).' })
  recordedAt!: string;
}

/** A trust zone (boundary) of a model. */
@ObjectType()
export class Zone {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  trust!: string;

  @Field(() => ID, { nullable: true })
  parentZoneId!: string | null;
}

/** A DFD element of a model. */
@ObjectType()
export class ModelElement {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'external_entity, process or data_store' })
  kind!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID)
  zoneId!: string;

  @Field(() => String)
  c4Level!: string;

  @Field(() => String)
  technology!: string;
}

/** A data flow of a model. */
@ObjectType()
export class Flow {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID)
  sourceId!: string;

  @Field(() => ID)
  destinationId!: string;

  @Field(() => String)
  data!: string;

  @Field(() => String)
  protocol!: string;

  @Field(() => Boolean, { description: 'Data moves both ways (request and response).' })
  bidirectional!: boolean;
}

/** A page of models. */
@ObjectType()
export class ThreatModelConnection extends Connection(ThreatModel, 'ThreatModel') {}

/** A page of zones, ordered by id. */
@ObjectType()
export class ZoneConnection extends Connection(Zone, 'Zone') {}

/** A page of elements, ordered by id. */
@ObjectType()
export class ModelElementConnection extends Connection(ModelElement, 'ModelElement') {}

/** A page of flows, ordered by id. */
@ObjectType()
export class FlowConnection extends Connection(Flow, 'Flow') {}
