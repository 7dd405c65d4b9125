import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { inChunks } from '../graphql/chunked-list.js';
import { ChecklistItem, ChecklistOffender } from '../model/model-views.types.js';

/** Answers a checklist item's offenders in slices (a large model has thousands). */
@Resolver(() => ChecklistItem)
export class ChecklistItemResolver {
  /** The offenders, completed a slice at a time within the turn budget. */
  @ResolveField(() => [ChecklistOffender])
  offenders(@Parent() item: ChecklistItem): (ChecklistOffender | Promise<ChecklistOffender>)[] {
    return inChunks(item.offenders);
  }
}
