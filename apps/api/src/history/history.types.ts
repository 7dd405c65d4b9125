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

/** A link of a model's chain that does not hold. */
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

/** What was done to one event of the model, named exactly. */
@ObjectType({
  description:
    'One event of the model that is not as it was written or sealed: altered, inserted, deleted or reordered.',
})
export class HistoryFinding {
  @Field(() => String, {
    description:
      'altered (content, hash, time or stream changed), inserted (not there when its place was sealed), deleted (a sealed event is gone) or reordered (content as sealed, place moved).',
  })
  kind!: string;

  @Field(() => Int, { description: 'Its version now (as sealed, for a deleted event).' })
  streamVersion!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Its global position now (as sealed, for a deleted event).',
  })
  position!: number | null;

  @Field(() => [String], {
    description:
      'What differs from what was sealed: content, hash, previousHash, streamId, streamVersion, position, transactionId, recordedAt.',
  })
  changes!: string[];

  @Field(() => Boolean, {
    description:
      'True when named against a signed checkpoint; false when only the hash chain tells it (the event is newer than the last checkpoint).',
  })
  isSealed!: boolean;

  @Field(() => String, { description: 'One sentence for a person.' })
  detail!: string;
}

/** A problem with the sealed log or its checkpoint rather than one event. */
@ObjectType()
export class HistoryLogFinding {
  @Field(() => String, {
    description:
      'checkpoint_malformed, checkpoint_untrusted_key, checkpoint_bad_signature, sealed_log_altered, log_truncated or checkpoint_inconsistent.',
  })
  kind!: string;

  @Field(() => String)
  detail!: string;
}

/** The signed checkpoint a verification compared the model with. */
@ObjectType()
export class HistoryCheckpoint {
  @Field(() => Int, { description: 'Events of the whole store it seals.' })
  treeSize!: number;

  @Field(() => String, { description: 'RFC 9162 Merkle root of the sealed events, hex.' })
  rootHash!: string;

  @Field(() => String, { description: 'When it was sealed (ISO 8601).' })
  sealedAt!: string;

  @Field(() => String, {
    description:
      'Fingerprint of the key that signed it (see /.well-known/threatloom/checkpoint-key).',
  })
  keyId!: string;
}

/** Whether a model's stored history is exactly what was written. */
@ObjectType({
  description:
    "The outcome of checking a model's stored events against their hash chain and the latest signed checkpoint of the event log.",
})
export class HistoryVerification {
  @Field(() => ID)
  modelId!: string;

  @Field(() => Boolean, {
    description:
      'True when every event hashes to its recorded link, every sealed event is as sealed, and the checkpoint is signed by a trusted key.',
  })
  isIntact!: boolean;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => Int, { description: 'Events of the model covered by the checkpoint.' })
  sealedEvents!: number;

  @Field(() => Int, {
    description:
      'Events of the model appended after the checkpoint: only their hash chain protects them until the next seal.',
  })
  unsealedEvents!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Hash of the last stored event: the value to compare with an earlier export; null when none is left.',
  })
  headHash!: string | null;

  @Field(() => BrokenHistoryLink, {
    nullable: true,
    description: 'The first link that does not hold (all of them are in brokenLinks).',
  })
  brokenLink!: BrokenHistoryLink | null;

  @Field(() => [BrokenHistoryLink], { description: 'Every link that does not hold.' })
  brokenLinks!: BrokenHistoryLink[];

  @Field(() => [HistoryFinding], {
    description: 'Every altered, inserted, deleted or reordered event of the model.',
  })
  findings!: HistoryFinding[];

  @Field(() => [HistoryLogFinding], {
    description: 'Problems with the sealed log or its checkpoint.',
  })
  logFindings!: HistoryLogFinding[];

  @Field(() => HistoryCheckpoint, {
    nullable: true,
    description: 'The checkpoint compared with; null before the first seal.',
  })
  checkpoint!: HistoryCheckpoint | null;

  @Field(() => String, { description: 'When this verification ran (ISO 8601).' })
  verifiedAt!: string;
}
