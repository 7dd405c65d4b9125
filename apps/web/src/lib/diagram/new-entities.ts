import type { Element, Zone } from '@threatloom/domain';
import { ELEMENT_SIZE, EMPTY_ZONE_SIZE, overlaps, type Box } from './diagram-graph.js';

/** The name a new element gets, so it reads well before anyone renames it. */
export function defaultElementName(kind: Element['kind'], taken: ReadonlySet<string>): string {
  const base = { external_entity: 'External entity', process: 'Process', data_store: 'Data store' }[
    kind
  ];
  return uniqueName(base, taken);
}

/** `base`, or `base 2`, `base 3`, ... whichever is free. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let index = 2; ; index += 1) {
    const candidate = `${base} ${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The box of a new element centred on `point`. */
export function elementBoxAt(point: { x: number; y: number }): Box {
  return {
    x: Math.round(point.x - ELEMENT_SIZE.width / 2),
    y: Math.round(point.y - ELEMENT_SIZE.height / 2),
    ...ELEMENT_SIZE,
  };
}

/** The box of a new, empty zone centred on `point`. */
export function zoneBoxAt(point: { x: number; y: number }): Box {
  return {
    x: Math.round(point.x - EMPTY_ZONE_SIZE.width / 2),
    y: Math.round(point.y - EMPTY_ZONE_SIZE.height / 2),
    ...EMPTY_ZONE_SIZE,
  };
}

/** Trust a new zone starts with. */
export const defaultTrust: Zone['trust'] = 'trusted';

/**
 * The box of a new element as near `point` as possible without covering an
 * element already there: adding several in a row (by keyboard, or the
 * palette's buttons) lines them up instead of stacking them.
 */
export function freeElementBoxNear(point: { x: number; y: number }, taken: readonly Box[]): Box {
  const start = elementBoxAt(point);
  const gap = 24;
  const stepX = ELEMENT_SIZE.width + gap;
  const stepY = ELEMENT_SIZE.height + gap;
  const padded = (box: Box): Box => ({
    x: box.x - gap / 2,
    y: box.y - gap / 2,
    width: box.width + gap,
    height: box.height + gap,
  });
  for (let ring = 0; ring < 50; ring += 1) {
    for (let dy = -ring; dy <= ring; dy += 1) {
      for (let dx = -ring; dx <= ring; dx += 1) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const candidate = { ...start, x: start.x + dx * stepX, y: start.y + dy * stepY };
        if (!taken.some((box) => overlaps(padded(candidate), box))) return candidate;
      }
    }
  }
  return start;
}
