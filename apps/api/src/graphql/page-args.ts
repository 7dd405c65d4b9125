import { ArgsType, Field, Int } from '@nestjs/graphql';

/** `first`/`after` of every connection (forward cursor pagination). */
@ArgsType()
export class PageArgsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Page size; capped at the server maximum (default 100).',
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the previous page.',
  })
  after?: string | null;
}
