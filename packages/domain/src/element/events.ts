import type { EventOf } from '../model/event.js';
import type { Element } from '../model/types.js';

export type ElementAdded = EventOf<'ElementAdded', { element: Element }>;
export type ElementChanged = EventOf<
  'ElementChanged',
  { elementId: string; changes: Partial<Omit<Element, 'id' | 'kind'>> }
>;
export type ElementRemoved = EventOf<'ElementRemoved', { elementId: string }>;
export type ElementEvent = ElementAdded | ElementChanged | ElementRemoved;
