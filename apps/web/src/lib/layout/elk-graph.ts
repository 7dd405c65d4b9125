import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Element, Flow, Zone } from '@threatloom/domain';
import {
  ELEMENT_SIZE,
  ZONE_PADDING,
  ZONE_TITLE_HEIGHT,
  type Box,
} from '../diagram/diagram-graph.js';

/** What the auto-layout arranges: the model's zones, elements and flows. */
export interface LayoutInput {
  zones: readonly Zone[];
  elements: readonly Element[];
  flows: readonly Flow[];
}

/** Where the auto-layout put everything, in absolute diagram coordinates. */
export interface LayoutResult {
  elements: Map<string, Box>;
  zones: Map<string, Box>;
}

const ROOT = '__root__';

/**
 * The model as an ELK graph: zones are compound nodes holding their elements
 * and nested zones, flows are edges, and ELK lays out across the hierarchy
 * (layered, left to right, edges routed orthogonally).
 */
export function toElkGraph(input: LayoutInput): ElkNode {
  const zoneIds = new Set(input.zones.map((zone) => zone.id));
  const nodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: ROOT,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.componentComponent': '60',
    },
    children: [],
    edges: [],
  };
  for (const zone of input.zones) {
    nodes.set(zone.id, {
      id: zone.id,
      layoutOptions: {
        'elk.padding': `[top=${ZONE_PADDING + ZONE_TITLE_HEIGHT},left=${ZONE_PADDING},bottom=${ZONE_PADDING},right=${ZONE_PADDING}]`,
      },
      children: [],
    });
  }
  const parentOf = (zoneId: string | null): ElkNode =>
    (zoneId !== null && zoneIds.has(zoneId) ? nodes.get(zoneId) : undefined) ?? root;
  for (const zone of input.zones) {
    // A zone nested in itself through a cycle would never be placed: it goes to the top level.
    const parent = zone.parentZoneId === zone.id ? root : parentOf(zone.parentZoneId);
    parent.children!.push(nodes.get(zone.id)!);
  }
  for (const element of input.elements) {
    parentOf(element.zoneId).children!.push({ id: element.id, ...ELEMENT_SIZE });
  }
  const elementIds = new Set(input.elements.map((element) => element.id));
  root.edges = input.flows
    .filter((flow) => elementIds.has(flow.sourceId) && elementIds.has(flow.destinationId))
    .map((flow): ElkExtendedEdge => ({
      id: flow.id,
      sources: [flow.sourceId],
      targets: [flow.destinationId],
    }));
  return root;
}

/** Reads the absolute boxes of a laid-out ELK graph (ELK gives positions relative to the parent). */
export function fromElkGraph(laidOut: ElkNode, input: LayoutInput): LayoutResult {
  const zoneIds = new Set(input.zones.map((zone) => zone.id));
  const result: LayoutResult = { elements: new Map(), zones: new Map() };
  const visit = (node: ElkNode, offsetX: number, offsetY: number): void => {
    for (const child of node.children ?? []) {
      const box = {
        x: Math.round(offsetX + (child.x ?? 0)),
        y: Math.round(offsetY + (child.y ?? 0)),
        width: Math.round(child.width ?? ELEMENT_SIZE.width),
        height: Math.round(child.height ?? ELEMENT_SIZE.height),
      };
      if (zoneIds.has(child.id)) {
        result.zones.set(child.id, box);
        visit(child, box.x, box.y);
      } else {
        result.elements.set(child.id, box);
      }
    }
  };
  visit(laidOut, 0, 0);
  return result;
}

/** A flat graph for ELK: boxes of a given size and edges between them, laid out left to right. */
export function toFlatElkGraph(
  nodes: readonly { id: string; width: number; height: number }[],
  edges: readonly { id: string; sourceId: string; destinationId: string }[],
): ElkNode {
  const ids = new Set(nodes.map((node) => node.id));
  return {
    id: ROOT,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '50',
      'elk.layered.spacing.nodeNodeBetweenLayers': '110',
    },
    children: nodes.map((node) => ({ ...node })),
    edges: edges
      .filter((edge) => ids.has(edge.sourceId) && ids.has(edge.destinationId))
      .map((edge) => ({ id: edge.id, sources: [edge.sourceId], targets: [edge.destinationId] })),
  };
}
