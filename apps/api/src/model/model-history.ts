import { replay, upcast, type ModelState } from '@threatloom/domain';
import type { StoredEvent } from '@threatloom/eventstore';

/** The model state after the stream's events up to (and including) global position `atPosition`. */
export function stateAt(
  events: readonly StoredEvent[],
  atPosition = Number.POSITIVE_INFINITY,
): ModelState {
  return replay(events.filter((event) => event.position <= atPosition).map(upcast));
}
