import type { DomainEvent } from '@threatloom/domain';

/**
 * Whether an event changes nothing but diagram geometry: a stored v1
 * ElementChanged that only moved an element reads (upcast) as a change of
 * nothing, since layout now lives in the co-editing doc. Such an event moves
 * the stream version but not the model's meaning, so the views computed from
 * the state (checklist, STRIDE matrix) stay valid.
 */
export function isLayoutOnly(event: DomainEvent): boolean {
  return event.type === 'ElementChanged' && Object.keys(event.data.changes).length === 0;
}
