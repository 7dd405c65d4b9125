import * as Y from 'yjs';
import type { FieldKind } from './schema.js';
import { sameJson } from './same-json.js';

/**
 * Reads one stored field leniently: a doc may hold whatever a client wrote,
 * so a `Y.Text` reads as its string, any other shared type as its JSON, and a
 * plain value as itself. The domain's validation judges the result.
 */
export function readField(value: unknown, kind: FieldKind): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return value.toJSON();
  if (kind === 'map' && value !== null && typeof value === 'object') return value;
  return value;
}

/** Reads a `Y.Map` entity as a plain object of the fields the schema names (others are ignored). */
export function readEntity(
  id: string,
  value: unknown,
  fields: Readonly<Record<string, FieldKind>>,
): Record<string, unknown> {
  const entity: Record<string, unknown> = { id };
  if (!(value instanceof Y.Map)) return entity;
  for (const [field, kind] of Object.entries(fields)) {
    if (!value.has(field)) continue;
    const read = readField(value.get(field), kind);
    if (read !== undefined) entity[field] = read;
  }
  return entity;
}

/** Rewrites `text` so it reads `target`, touching only the span that differs. */
export function syncText(text: Y.Text, target: string): void {
  const current = text.toString();
  if (current === target) return;
  let start = 0;
  const shortest = Math.min(current.length, target.length);
  while (start < shortest && current[start] === target[start]) start += 1;
  let end = 0;
  while (
    end < shortest - start &&
    current[current.length - 1 - end] === target[target.length - 1 - end]
  ) {
    end += 1;
  }
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = target.slice(start, target.length - end);
  if (inserted.length > 0) text.insert(start, inserted);
}

/** A new `Y.Map` holding `values` as plain entries (for the `map` field kind). */
function plainMap(values: unknown): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  if (values !== null && typeof values === 'object') {
    for (const [key, item] of Object.entries(values)) map.set(key, item);
  }
  return map;
}

/** A value ready to insert for a field of `kind` (a prelim shared type where the kind needs one). */
export function storedValue(kind: FieldKind, value: unknown): unknown {
  if (kind === 'text') return new Y.Text(typeof value === 'string' ? value : '');
  if (kind === 'map') return plainMap(value);
  return value;
}

/** Brings one field of `map` to `value` with the smallest change; `undefined` removes it. */
export function syncField(
  map: Y.Map<unknown>,
  field: string,
  kind: FieldKind,
  value: unknown,
): void {
  const current = map.get(field);
  if (value === undefined) {
    if (map.has(field)) map.delete(field);
    return;
  }
  if (kind === 'text') {
    if (current instanceof Y.Text && typeof value === 'string') syncText(current, value);
    else map.set(field, storedValue(kind, value));
    return;
  }
  if (kind === 'map') {
    if (!(current instanceof Y.Map)) {
      map.set(field, storedValue(kind, value));
      return;
    }
    const target = (value ?? {}) as Record<string, unknown>;
    for (const key of [...current.keys()]) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) current.delete(key);
    }
    for (const [key, item] of Object.entries(target)) {
      const existing = current.get(key);
      if (existing instanceof Y.AbstractType || !sameJson(existing, item)) current.set(key, item);
    }
    return;
  }
  if (current instanceof Y.AbstractType || !sameJson(current, value)) map.set(field, value);
}

/** Brings an entity map to `entity`'s fields and removes every key the schema does not name. */
export function syncEntity(
  map: Y.Map<unknown>,
  entity: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, FieldKind>>,
): void {
  for (const key of [...map.keys()]) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) map.delete(key);
  }
  for (const [field, kind] of Object.entries(fields)) syncField(map, field, kind, entity[field]);
}

/** A new entity map holding `entity`'s fields (prelim: fill it, then insert it). */
export function newEntity(
  entity: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, FieldKind>>,
): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [field, kind] of Object.entries(fields)) {
    const value = entity[field];
    if (value !== undefined) map.set(field, storedValue(kind, value));
  }
  return map;
}
