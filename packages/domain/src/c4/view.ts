import type { ModelContent } from '../model/types.js';
import type { C4Level, ElementKind } from '../model/vocabulary.js';

/** Id of the node that stands for the system itself in the context view. */
export const systemNodeId = '$system';

export interface C4Node {
  id: string;
  name: string;
  kind: ElementKind | 'system';
  /** The model elements the node stands for (several for the system node). */
  elementIds: string[];
}

export interface C4Edge {
  sourceId: string;
  destinationId: string;
  bidirectional: boolean;
  /** The model flows the edge stands for. */
  flowIds: string[];
}

export interface C4View {
  level: C4Level;
  nodes: C4Node[];
  edges: C4Edge[];
}

/**
 * Renders one model at a C4 level. The container view shows every element and
 * flow. The context view shows context-level elements around one node for the
 * system, which stands for every container-level element; flows inside the system
 * disappear and parallel flows merge into one edge.
 */
export function c4View(content: ModelContent, level: C4Level): C4View {
  const elements = Object.values(content.elements);
  if (level === 'container') {
    return {
      level,
      nodes: elements.map((e) => ({ id: e.id, name: e.name, kind: e.kind, elementIds: [e.id] })),
      edges: Object.values(content.flows).map((flow) => ({
        sourceId: flow.sourceId,
        destinationId: flow.destinationId,
        bidirectional: flow.bidirectional,
        flowIds: [flow.id],
      })),
    };
  }
  const inner = elements.filter((e) => e.c4Level === 'container').map((e) => e.id);
  const nodeOf = (elementId: string) => (inner.includes(elementId) ? systemNodeId : elementId);
  const nodes: C4Node[] = elements
    .filter((e) => e.c4Level === 'context')
    .map((e) => ({ id: e.id, name: e.name, kind: e.kind, elementIds: [e.id] }));
  if (inner.length > 0) {
    nodes.push({ id: systemNodeId, name: content.name, kind: 'system', elementIds: inner });
  }
  const edges = new Map<string, C4Edge>();
  for (const flow of Object.values(content.flows)) {
    const sourceId = nodeOf(flow.sourceId);
    const destinationId = nodeOf(flow.destinationId);
    if (sourceId === destinationId) continue;
    const key = `${sourceId}\u0000${destinationId}`;
    const edge = edges.get(key);
    if (edge) {
      edge.flowIds.push(flow.id);
      edge.bidirectional ||= flow.bidirectional;
    } else {
      edges.set(key, {
        sourceId,
        destinationId,
        bidirectional: flow.bidirectional,
        flowIds: [flow.id],
      });
    }
  }
  return { level, nodes, edges: [...edges.values()] };
}
