import type { EventOf } from '../model/event.js';
import type { Flow } from '../model/types.js';

export type FlowAdded = EventOf<'FlowAdded', { flow: Flow }>;
export type FlowChanged = EventOf<
  'FlowChanged',
  { flowId: string; changes: Partial<Omit<Flow, 'id'>> }
>;
export type FlowRemoved = EventOf<'FlowRemoved', { flowId: string }>;
export type FlowEvent = FlowAdded | FlowChanged | FlowRemoved;
