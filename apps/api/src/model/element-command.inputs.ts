import { Field, ID, InputType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

/** The AddElement domain command as typed input; the domain validates the values. */
@InputType()
export class AddElementInput {
  @Field(() => ID, { description: 'Client-chosen id of the new element.' })
  elementId!: string;

  @Field(() => String, { description: 'external_entity, process or data_store' })
  kind!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  technology?: string | null;

  @Field(() => ID)
  zoneId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "context or container; 'context' for external entities and 'container' otherwise when absent.",
  })
  c4Level?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Diagram position, as the domain defines it.',
  })
  layout?: unknown;
}
