/** True when two values hold the same plain data (functions compare by identity). */
export function isSameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => isSameData(item, b[index]));
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      isSameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * The diagram item to hand Svelte Flow: `previous` itself when every field
 * `next` sets holds the same there (Svelte Flow adds fields of its own, such
 * as `measured`, which do not count), else `next`, carrying over what Svelte
 * Flow measured of `previous`. Svelte Flow then keeps what it knows of an
 * unchanged node or edge, and does not measure a changed node again (until
 * its size changes): a node without measurements has no handles, so its
 * flows would be taken off the diagram and drawn anew meanwhile.
 */
export function keepUnchanged<T extends object>(previous: T | undefined, next: T): T {
  if (previous === undefined) return next;
  const fields = Object.entries(next) as Array<[keyof T, unknown]>;
  if (fields.every(([key, value]) => isSameData(previous[key], value))) return previous;
  const measured = (previous as { measured?: unknown }).measured;
  return measured === undefined ? next : { ...next, measured };
}

/** True when two lists hold the same items, in the same order. */
export function isSameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
