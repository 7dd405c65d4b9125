/** Where an element sits on the diagram: doc-only, never a domain event. */
export interface ElementLayout {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

/** A bend point of a flow's edge. */
export interface Waypoint {
  x: number;
  y: number;
}

/** Bounds on geometry a client may store, so a hostile value cannot bloat or break a renderer. */
export const MAX_COORDINATE = 1_000_000;
export const MAX_WAYPOINTS = 64;

function coordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}

function size(value: unknown): value is number | undefined {
  return value === undefined || (coordinate(value) && value > 0);
}

/** A stored element layout, or null when the value is not one (the server then drops it). */
export function readLayout(value: unknown): ElementLayout | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { x, y, width, height, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !coordinate(x) || !coordinate(y)) return null;
  if (!size(width) || !size(height)) return null;
  return {
    x,
    y,
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  };
}

/** Stored waypoints of a flow, or null when the value is not a list of points. */
export function readWaypoints(value: unknown): Waypoint[] | null {
  if (!Array.isArray(value) || value.length > MAX_WAYPOINTS) return null;
  const points: Waypoint[] = [];
  for (const point of value) {
    if (point === null || typeof point !== 'object') return null;
    const { x, y, ...rest } = point as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || !coordinate(x) || !coordinate(y)) return null;
    points.push({ x, y });
  }
  return points;
}
