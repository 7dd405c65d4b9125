import type { ModelDoc } from '@threatloom/collab';
import type { Element, Flow, Zone } from '@threatloom/domain';
import type { DiagramInput } from './diagram-graph.js';

function entities<T>(model: ModelDoc, collection: 'zones' | 'elements' | 'flows'): T[] {
  const list: T[] = [];
  for (const id of model.ids(collection)) {
    const entity = model.get(collection, id);
    if (entity) list.push(entity as T);
  }
  return list;
}

/** What the diagram draws, read from a model doc. */
export function readDiagram(model: ModelDoc): DiagramInput {
  return {
    zones: entities<Zone>(model, 'zones'),
    elements: entities<Element>(model, 'elements'),
    flows: entities<Flow>(model, 'flows'),
    elementLayout: (id) => model.elementLayout(id),
    zoneLayout: (id) => model.zoneLayout(id),
    flowWaypoints: (id) => model.flowWaypoints(id),
  };
}
