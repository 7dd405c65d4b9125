import type { ElementLayout, Waypoint } from '@threatloom/collab';
import type { ModelContent } from '@threatloom/domain';
import {
  enclosingBox,
  placeDiagram,
  type Box,
  type DiagramGeometry,
  type DiagramInput,
} from '../diagram/diagram-graph.js';

/** Where today's diagram has put things (the model's co-editing doc), if known. */
export interface DiagramLayout {
  elementLayout(id: string): ElementLayout | null;
  zoneLayout(id: string): ElementLayout | null;
  flowWaypoints(id: string): Waypoint[];
}

/** A flow drawn as a straight line between the borders of its two elements. */
export interface PastFlowLine {
  id: string;
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Its name where the line is long enough to carry it (null: told by its tooltip alone). */
  label: string | null;
  /** Where its label goes. */
  labelX: number;
  labelY: number;
  bidirectional: boolean;
}

/** Everything a read-only drawing of a past model needs. */
export interface PastDiagram {
  geometry: DiagramGeometry;
  flows: PastFlowLine[];
  /** The drawing's extent, padded; null for a model with nothing to draw. */
  viewBox: Box | null;
}

const MARGIN = 24;
/** About how wide a character of a label is drawn, in diagram units. */
const CHARACTER_WIDTH = 6.5;

/** `text` cut to fit `width` (with an ellipsis), or whole when it fits. */
export function fitted(text: string, width: number): string {
  const room = Math.floor(width / CHARACTER_WIDTH);
  if (text.length <= room) return text;
  return room <= 1 ? '…' : `${text.slice(0, room - 1).trimEnd()}…`;
}

/** The point where the line from `box`'s centre towards (tx, ty) leaves the box. */
function borderPoint(box: Box, tx: number, ty: number): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/**
 * A past model laid out for a read-only drawing: its zones, elements and
 * flows as they were, at the places today's diagram has them (positions are
 * not history: they live in the co-editing doc); what is gone since is placed
 * the way the editor places a model built outside it.
 */
export function pastDiagram(content: ModelContent, layout: DiagramLayout | null): PastDiagram {
  const input: DiagramInput = {
    zones: Object.values(content.zones),
    elements: Object.values(content.elements),
    flows: Object.values(content.flows),
    elementLayout: (id) => layout?.elementLayout(id) ?? null,
    zoneLayout: (id) => layout?.zoneLayout(id) ?? null,
    flowWaypoints: () => [],
  };
  const geometry = placeDiagram(input);
  const boxes = new Map(geometry.elements.map((placed) => [placed.element.id, placed.box]));
  const flows: PastFlowLine[] = [];
  for (const flow of geometry.flows) {
    const source = boxes.get(flow.sourceId);
    const target = boxes.get(flow.destinationId);
    if (source === undefined || target === undefined) continue;
    const from = borderPoint(source, target.x + target.width / 2, target.y + target.height / 2);
    const to = borderPoint(target, source.x + source.width / 2, source.y + source.height / 2);
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    flows.push({
      id: flow.id,
      name: flow.name,
      label: flow.name.length * CHARACTER_WIDTH + 16 <= length ? flow.name : null,
      x1: from.x,
      y1: from.y,
      x2: to.x,
      y2: to.y,
      labelX: (from.x + to.x) / 2,
      labelY: (from.y + to.y) / 2,
      bidirectional: flow.bidirectional,
    });
  }
  const extent = enclosingBox([
    ...geometry.zones.map((zone) => zone.box),
    ...geometry.elements.map((element) => element.box),
  ]);
  return {
    geometry,
    flows,
    viewBox:
      extent === null
        ? null
        : {
            x: extent.x - MARGIN,
            y: extent.y - MARGIN,
            width: extent.width + 2 * MARGIN,
            height: extent.height + 2 * MARGIN,
          },
  };
}
