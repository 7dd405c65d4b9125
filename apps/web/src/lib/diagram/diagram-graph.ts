import type { ElementLayout, Waypoint } from '@threatloom/collab';
import type { Element, Flow, Zone } from '@threatloom/domain';

/** Size of an element box when the doc stores none. */
export const ELEMENT_SIZE = { width: 168, height: 64 } as const;
/** Room a zone leaves around its members, and above them for its title. */
export const ZONE_PADDING = 28;
export const ZONE_TITLE_HEIGHT = 26;
/** Size of a zone with no members and no stored box. */
export const EMPTY_ZONE_SIZE = { width: 320, height: 200 } as const;
const GRID_GAP = 48;
/** How wide a row of zones laid out here may grow before the next row starts. */
const ROW_WIDTH = 1600;

/** A box on the diagram, in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the diagram draws, read from the doc. */
export interface DiagramInput {
  zones: readonly Zone[];
  elements: readonly Element[];
  flows: readonly Flow[];
  elementLayout: (id: string) => ElementLayout | null;
  zoneLayout: (id: string) => ElementLayout | null;
  flowWaypoints: (id: string) => Waypoint[];
}

/** One element on the diagram, positioned. */
export interface PlacedElement {
  element: Element;
  box: Box;
  /** True when the position comes from the doc, false when it was placed by default. */
  isStored: boolean;
}

/** One zone on the diagram, with its box and how deep it is nested (0 = top level). */
export interface PlacedZone {
  zone: Zone;
  box: Box;
  depth: number;
}

/** The geometry of a whole diagram. */
export interface DiagramGeometry {
  zones: PlacedZone[];
  elements: PlacedElement[];
  flows: Flow[];
}

function boxOf(layout: ElementLayout, fallback: { width: number; height: number }): Box {
  return {
    x: layout.x,
    y: layout.y,
    width: layout.width ?? fallback.width,
    height: layout.height ?? fallback.height,
  };
}

/** The smallest box holding every box, or null for none. */
export function enclosingBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The box of a zone drawn around `members`: padded, with room for its title. */
export function zoneBoxAround(members: readonly Box[]): Box | null {
  const inner = enclosingBox(members);
  if (inner === null) return null;
  return {
    x: inner.x - ZONE_PADDING,
    y: inner.y - ZONE_PADDING - ZONE_TITLE_HEIGHT,
    width: inner.width + 2 * ZONE_PADDING,
    height: inner.height + 2 * ZONE_PADDING + ZONE_TITLE_HEIGHT,
  };
}

/** True when `inner`'s centre lies in `outer`. */
export function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner.x + inner.width / 2;
  const cy = inner.y + inner.height / 2;
  return (
    cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height
  );
}

function depthOf(zone: Zone, byId: ReadonlyMap<string, Zone>): number {
  let depth = 0;
  let parent = zone.parentZoneId;
  const seen = new Set<string>([zone.id]);
  while (parent !== null && byId.has(parent) && !seen.has(parent)) {
    seen.add(parent);
    depth += 1;
    parent = byId.get(parent)?.parentZoneId ?? null;
  }
  return depth;
}

/**
 * Places every element and zone. Stored positions are kept as they are. An
 * element without one is put in a grid inside its zone (below what the zone
 * already holds), so a model built outside the diagram still opens readable
 * and every client places it the same way. A zone without a stored box is
 * drawn around its members (nested zones included); an empty one gets a
 * default box to the right of everything else.
 */
export function placeDiagram(input: DiagramInput): DiagramGeometry {
  const zonesById = new Map(input.zones.map((zone) => [zone.id, zone]));
  const elements = [...input.elements].sort((a, b) => a.id.localeCompare(b.id));
  const placed = new Map<string, PlacedElement>();
  const storedZoneBoxes = new Map<string, Box>();
  for (const zone of input.zones) {
    const layout = input.zoneLayout(zone.id);
    if (layout) storedZoneBoxes.set(zone.id, boxOf(layout, EMPTY_ZONE_SIZE));
  }
  for (const element of elements) {
    const layout = input.elementLayout(element.id);
    if (layout)
      placed.set(element.id, { element, box: boxOf(layout, ELEMENT_SIZE), isStored: true });
  }

  // Elements without a position. In a zone that already shows something (a
  // stored box, or placed members), they go in rows below what it shows.
  // Zones that show nothing yet are laid out as a tree, left to right: a
  // zone's members in a grid, its child zones beside them, so no two zones
  // overlap.
  const unplacedByZone = new Map<string, Element[]>();
  for (const element of elements) {
    if (placed.has(element.id)) continue;
    const list = unplacedByZone.get(element.zoneId) ?? [];
    list.push(element);
    unplacedByZone.set(element.zoneId, list);
  }
  const childrenOf = new Map<string | null, Zone[]>();
  for (const zone of [...input.zones].sort((a, b) => a.id.localeCompare(b.id))) {
    const parent =
      zone.parentZoneId !== null && zonesById.has(zone.parentZoneId) ? zone.parentZoneId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), zone]);
  }
  const placeGrid = (list: readonly Element[], originX: number, originY: number): Box | null => {
    const columns = Math.max(1, Math.ceil(Math.sqrt(list.length)));
    const boxes: Box[] = [];
    list.forEach((element, index) => {
      const box = {
        x: originX + (index % columns) * (ELEMENT_SIZE.width + GRID_GAP),
        y: originY + Math.floor(index / columns) * (ELEMENT_SIZE.height + GRID_GAP),
        ...ELEMENT_SIZE,
      };
      placed.set(element.id, { element, box, isStored: false });
      boxes.push(box);
    });
    return enclosingBox(boxes);
  };
  /** What a zone and its nested zones already show: placed members and stored boxes. */
  const shownBoxes = (zoneId: string): Box[] => [
    ...[...placed.values()]
      .filter((entry) => entry.element.zoneId === zoneId)
      .map((entry) => entry.box),
    ...(storedZoneBoxes.has(zoneId) ? [storedZoneBoxes.get(zoneId)!] : []),
    ...(childrenOf.get(zoneId) ?? []).flatMap((child) => shownBoxes(child.id)),
  ];
  const showsSomething = (zoneId: string): boolean => shownBoxes(zoneId).length > 0;

  for (const [zoneId, list] of unplacedByZone) {
    if (!zonesById.has(zoneId) || !showsSomething(zoneId)) continue;
    const stored = storedZoneBoxes.get(zoneId);
    const members = enclosingBox(
      [...placed.values()]
        .filter((entry) => entry.element.zoneId === zoneId)
        .map((entry) => entry.box),
    );
    if (stored) {
      // Inside the drawn box, below its members (the box may need resizing to hold them).
      const top = members
        ? members.y + members.height + GRID_GAP
        : stored.y + ZONE_PADDING + ZONE_TITLE_HEIGHT;
      placeGrid(list, stored.x + ZONE_PADDING, top);
    } else {
      const shown = enclosingBox(shownBoxes(zoneId))!;
      placeGrid(list, shown.x, shown.y + shown.height + GRID_GAP);
    }
    unplacedByZone.delete(zoneId);
  }

  const freshBoxes = new Map<string, Box>();
  const layOutFresh = (zone: Zone, x: number, y: number): Box => {
    const top = y + ZONE_PADDING + ZONE_TITLE_HEIGHT;
    const grid = placeGrid(unplacedByZone.get(zone.id) ?? [], x + ZONE_PADDING, top);
    let childX = grid ? grid.x + grid.width + GRID_GAP : x + ZONE_PADDING;
    const inner: Box[] = grid ? [grid] : [];
    for (const child of childrenOf.get(zone.id) ?? []) {
      const childBox = layOutFresh(child, childX, top);
      inner.push(childBox);
      childX = childBox.x + childBox.width + GRID_GAP;
    }
    const box = zoneBoxAround(inner) ?? { x, y, ...EMPTY_ZONE_SIZE };
    freshBoxes.set(zone.id, box);
    return box;
  };
  const shownSoFar = enclosingBox([
    ...[...placed.values()].map((entry) => entry.box),
    ...storedZoneBoxes.values(),
  ]);
  // Top-level zones that show nothing yet fill rows of at most ROW_WIDTH, below what is shown.
  const rowLeft = shownSoFar ? shownSoFar.x : 0;
  let freeX = rowLeft;
  let freeY = shownSoFar ? shownSoFar.y + shownSoFar.height + GRID_GAP * 2 : 0;
  let rowHeight = 0;
  const roots = (childrenOf.get(null) ?? []).filter((zone) => !showsSomething(zone.id));
  for (const zone of roots) {
    let box = layOutFresh(zone, freeX, freeY);
    if (freeX > rowLeft && box.x + box.width > rowLeft + ROW_WIDTH) {
      // Too wide for this row: start the next one and lay the zone out again there.
      freeX = rowLeft;
      freeY += rowHeight + GRID_GAP * 2;
      rowHeight = 0;
      box = layOutFresh(zone, freeX, freeY);
    }
    freeX = box.x + box.width + GRID_GAP * 2;
    rowHeight = Math.max(rowHeight, box.y + box.height - freeY);
  }
  // Elements of a zone the model does not hold (never in a valid model): a row of their own.
  for (const [zoneId, list] of unplacedByZone) {
    if (zonesById.has(zoneId)) continue;
    const grid = placeGrid(list, freeX, freeY);
    if (grid) freeX = grid.x + grid.width + GRID_GAP * 2;
  }

  // Zone boxes: stored, else around members and nested zones (deepest first).
  const zoneBoxes = new Map<string, Box>(storedZoneBoxes);
  const byDepth = [...input.zones].sort(
    (a, b) => depthOf(b, zonesById) - depthOf(a, zonesById) || a.id.localeCompare(b.id),
  );
  for (const zone of byDepth) {
    if (zoneBoxes.has(zone.id)) continue;
    const members = [...placed.values()]
      .filter((entry) => entry.element.zoneId === zone.id)
      .map((entry) => entry.box);
    const children = input.zones
      .filter((child) => child.parentZoneId === zone.id)
      .map((child) => zoneBoxes.get(child.id))
      .filter((box): box is Box => box !== undefined);
    const box = zoneBoxAround([...members, ...children]) ?? freshBoxes.get(zone.id);
    if (box) zoneBoxes.set(zone.id, box);
  }
  for (const zone of input.zones) {
    if (zoneBoxes.has(zone.id)) continue;
    const all = enclosingBox(
      [...placed.values()].map((entry) => entry.box).concat([...zoneBoxes.values()]),
    );
    const x = all ? all.x + all.width + GRID_GAP * 2 : 0;
    zoneBoxes.set(zone.id, { x, y: all ? all.y : 0, ...EMPTY_ZONE_SIZE });
  }

  return {
    zones: input.zones
      .map((zone) => ({ zone, box: zoneBoxes.get(zone.id)!, depth: depthOf(zone, zonesById) }))
      .sort((a, b) => a.depth - b.depth || a.zone.id.localeCompare(b.zone.id)),
    elements: [...placed.values()],
    flows: input.flows.filter(
      (flow) => placed.has(flow.sourceId) && placed.has(flow.destinationId),
    ),
  };
}

/**
 * The innermost zone whose box holds the centre of `box` (the zone an element
 * dropped there belongs to), or null when it lies in none.
 */
export function zoneAt(box: Box, zones: readonly PlacedZone[]): PlacedZone | null {
  let best: PlacedZone | null = null;
  for (const candidate of zones) {
    if (!centreInside(box, candidate.box)) continue;
    if (best === null || candidate.depth > best.depth) best = candidate;
  }
  return best;
}

/** The zone whose box is nearest to `point` (0 when inside), or null when there are none. */
export function nearestZone(
  point: { x: number; y: number },
  zones: readonly PlacedZone[],
): PlacedZone | null {
  let best: PlacedZone | null = null;
  let bestDistance = Infinity;
  for (const candidate of zones) {
    const { x, y, width, height } = candidate.box;
    const dx = Math.max(x - point.x, 0, point.x - (x + width));
    const dy = Math.max(y - point.y, 0, point.y - (y + height));
    const distance = Math.hypot(dx, dy);
    if (
      distance < bestDistance ||
      (distance === bestDistance && best && candidate.depth > best.depth)
    ) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** True when two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** An SVG path drawing every box as a closed rectangle, in one element however many there are. */
export function boxesPath(boxes: readonly Box[]): string {
  return boxes
    .map((box) => `M${box.x},${box.y}h${box.width}v${box.height}h${-box.width}z`)
    .join('');
}

/**
 * The part of the diagram an overview of `size` (px) shows: everything drawn
 * and what the main view shows, centred, at the overview's aspect ratio, with
 * a margin of 5 px.
 */
export function overviewViewBox(
  drawn: Box | null,
  view: Box,
  size: { width: number; height: number },
): Box {
  const shown = enclosingBox(drawn ? [drawn, view] : [view])!;
  const scale = Math.max(shown.width / size.width, shown.height / size.height);
  const margin = 5 * scale;
  const width = scale * size.width;
  const height = scale * size.height;
  return {
    x: shown.x - (width - shown.width) / 2 - margin,
    y: shown.y - (height - shown.height) / 2 - margin,
    width: width + 2 * margin,
    height: height + 2 * margin,
  };
}
