import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { Connection } from '../graphql/pagination.js';

/** One stored event of a model, with who caused it and its place in the hash chain. */
@ObjectType({
  description:
    'One event of a model as stored: what happened, who did it, when, and its hash-chain link.',
})
export class ModelHistoryEvent {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Int, {
    description: 'Version of the model stream this event made (0 for the first).',
  })
  streamVersion!: number;

  @Field(() => Int, { description: 'Position in the global order of the event store.' })
  position!: number;

  @Field(() => String, { description: 'Past-tense fact, e.g. ThreatScored.' })
  type!: string;

  @Field(() => Int)
  schemaVersion!: number;

  @Field(() => String, { description: 'When the event was stored (ISO 8601).' })
  recordedAt!: string;

  @Field(() => String, { description: 'Id of the user or service that caused the event.' })
  actor!: string;

  @Field(() => String, { description: 'Organisation the actor acted for.' })
  organisation!: string;

  @Field(() => String, { nullable: true, description: 'Request that caused the event.' })
  correlationId!: string | null;

  @Field(() => JsonScalar, { description: 'The event payload.' })
  data!: unknown;

  @Field(() => String, {
    description: 'Hash of the previous event of the stream (64 zeros for the first).',
  })
  previousHash!: string;

  @Field(() => String, {
    description: 'sha256(previousHash + canonical encoding of this event), hex.',
  })
  hash!: string;
}

@ObjectType()
export class ModelHistoryConnection extends Connection(ModelHistoryEvent, 'ModelHistoryEvent') {}

/** The first link of a model's chain that does not hold. */
@ObjectType()
export class BrokenHistoryLink {
  @Field(() => Int)
  streamVersion!: number;

  @Field(() => Int)
  position!: number;

  @Field(() => String, {
    description: 'hash_mismatch, previous_hash_mismatch or version_gap.',
  })
  reason!: string;

  @Field(() => String)
  expected!: string;

  @Field(() => String)
  actual!: string;
}

/** Whether a model's stored history is exactly what was written. */
@ObjectType({
  description: "The outcome of recomputing a model's hash chain from its stored events.",
})
export class HistoryVerification {
  @Field(() => ID)
  modelId!: string;

  @Field(() => Boolean, {
    description: 'True when every stored event hashes to its recorded link.',
  })
  isIntact!: boolean;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => String, {
    description: 'Hash of the last event: the value to compare with an earlier export.',
  })
  headHash!: string;

  @Field(() => BrokenHistoryLink, {
    nullable: true,
    description: 'The first link that does not hold.',
  })
  brokenLink!: BrokenHistoryLink | null;
}
