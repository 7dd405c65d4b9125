import { ArgsType, Field, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE } from './page-cost.js';

/** `first`/`after` of every connection (forward cursor pagination). */
@ArgsType()
export class PageArgsInput {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, from 1 to the server's maximum (GRAPHQL_MAX_PAGE_SIZE, 100 unless configured); a larger value is refused. Default: ${DEFAULT_PAGE_SIZE}, or the maximum when that is lower.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the previous page.',
  })
  after?: string | null;
}

/**
 * `PageArgsInput` as services check it (the page-size cap is applied by
 * `pageSize`); extend it with a query's own arguments.
 */
export const pageArgsSchema = z.object({
  first: z.number().int().nullish(),
  after: z.string().max(512).nullish(),
});
