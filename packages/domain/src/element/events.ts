import type { EventOf } from '../model/event.js';
import type { Element } from '../model/types.js';

/** v2: without the diagram layout v1 carried (it lives in the co-editing doc). */
export type ElementAdded = EventOf<'ElementAdded', { element: Element }, 2>;
/** v2: `changes` never holds a layout. */
export type ElementChanged = EventOf<
  'ElementChanged',
  { elementId: string; changes: Partial<Omit<Element, 'id' | 'kind'>> },
  2
>;
export type ElementRemoved = EventOf<'ElementRemoved', { elementId: string }>;
export type ElementEvent = ElementAdded | ElementChanged | ElementRemoved;
