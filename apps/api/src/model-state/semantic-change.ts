import type { DomainEvent } from '@threatloom/domain';

/**
 * Whether an event changes only diagram geometry (an element's `layout`):
 * such an event moves the stream version but not the model's meaning, so the
 * views computed from the state (checklist, STRIDE matrix) stay valid.
 */
export function isLayoutOnly(event: DomainEvent): boolean {
  if (event.type !== 'ElementChanged') return false;
  const keys = Object.keys(event.data.changes);
  return keys.length > 0 && keys.every((key) => key === 'layout');
}
