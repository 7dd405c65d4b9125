import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { inChunks } from '../graphql/chunked-list.js';
import { StrideMatrix, StrideMatrixRow } from '../model/model-views.types.js';

/** Answers the rows of a STRIDE matrix in slices (one row per element and flow). */
@Resolver(() => StrideMatrix)
export class StrideMatrixResolver {
  /** The rows, completed a slice at a time within the turn budget. */
  @ResolveField(() => [StrideMatrixRow])
  rows(@Parent() matrix: StrideMatrix): (StrideMatrixRow | Promise<StrideMatrixRow>)[] {
    return inChunks(matrix.rows);
  }
}
