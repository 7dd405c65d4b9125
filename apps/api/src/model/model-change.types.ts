import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

/** An event appended to a model's stream, pushed to `modelChanged` subscribers. */
@ObjectType()
export class ModelChange {
  @Field(() => ID)
  modelId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => Int)
  streamVersion!: number;

  @Field(() => Int)
  position!: number;

  @Field(() => String)
  recordedAt!: string;

  @Field(() => JsonScalar, { description: 'The event payload.' })
  data!: unknown;
}
