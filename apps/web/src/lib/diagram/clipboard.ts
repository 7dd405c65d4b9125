import type { Element, Flow } from '@threatloom/domain';
import type { Box } from './diagram-graph.js';

/** What Ctrl+C keeps: elements with their boxes, and the flows between them. */
export interface DiagramClip {
  elements: { element: Element; box: Box }[];
  flows: Flow[];
}

/** What a paste adds: fresh ids, boxes moved by the offset, flows re-attached to the copies. */
export interface PastePlan {
  elements: { element: Element; box: Box }[];
  flows: Flow[];
}

/**
 * Copies the selected elements and the flows whose two ends are both
 * selected (a flow to something not copied would dangle).
 */
export function copySelection(
  selectedIds: ReadonlySet<string>,
  elements: readonly { element: Element; box: Box }[],
  flows: readonly Flow[],
): DiagramClip | null {
  const copied = elements.filter((placed) => selectedIds.has(placed.element.id));
  if (copied.length === 0) return null;
  const ids = new Set(copied.map((placed) => placed.element.id));
  return {
    elements: copied.map((placed) => ({ element: { ...placed.element }, box: { ...placed.box } })),
    flows: flows
      .filter((flow) => ids.has(flow.sourceId) && ids.has(flow.destinationId))
      .map((flow) => ({ ...flow })),
  };
}

/**
 * Plans a paste of `clip`: every element and flow gets a new id from
 * `newId`, boxes move by `offset`, and an element whose zone no longer
 * exists goes to `fallbackZoneId` (or is left out when there is none).
 */
export function planPaste(
  clip: DiagramClip,
  offset: { x: number; y: number },
  zoneIds: ReadonlySet<string>,
  fallbackZoneId: string | null,
  newId: () => string,
): PastePlan {
  const idMap = new Map<string, string>();
  const elements: PastePlan['elements'] = [];
  for (const { element, box } of clip.elements) {
    const zoneId = zoneIds.has(element.zoneId) ? element.zoneId : fallbackZoneId;
    if (zoneId === null) continue;
    const id = newId();
    idMap.set(element.id, id);
    elements.push({
      element: { ...element, id, zoneId, tags: [...element.tags] },
      box: { ...box, x: box.x + offset.x, y: box.y + offset.y },
    });
  }
  const flows: Flow[] = [];
  for (const flow of clip.flows) {
    const sourceId = idMap.get(flow.sourceId);
    const destinationId = idMap.get(flow.destinationId);
    if (sourceId && destinationId) flows.push({ ...flow, id: newId(), sourceId, destinationId });
  }
  return { elements, flows };
}
