import * as Y from 'yjs';
import type { CollabModel } from './collab-model.js';
import { newEntity, syncEntity, syncField } from './doc-fields.js';
import { readLayout, readWaypoints } from './layout.js';
import { sameJson } from './same-json.js';
import {
  collectionFields,
  collectionNames,
  ELEMENT_LAYOUT_ROOT,
  FLOW_LAYOUT_ROOT,
  ZONE_LAYOUT_ROOT,
  GOVERNED_ROOT,
  governedKeys,
  MODEL_ROOT,
  modelFields,
  type CollectionName,
} from './schema.js';

/** Which entities to bring in line; all of them when absent. */
export type WriteScope = Partial<Record<CollectionName, ReadonlySet<string>>>;

function syncCollection(
  doc: Y.Doc,
  collection: CollectionName,
  entities: Readonly<Record<string, object>>,
  only: ReadonlySet<string> | undefined,
): void {
  const root = doc.getMap<unknown>(collection);
  const fields = collectionFields[collection];
  const ids = only ?? new Set([...root.keys(), ...Object.keys(entities)]);
  for (const id of ids) {
    const entity = entities[id] as Record<string, unknown> | undefined;
    const current = root.get(id);
    if (entity === undefined) {
      if (root.has(id)) root.delete(id);
    } else if (current instanceof Y.Map) {
      syncEntity(current, entity, fields);
    } else {
      root.set(id, newEntity(entity, fields));
    }
  }
}

/** Drops geometry that is malformed or belongs to nothing the model holds. */
function syncLayout(doc: Y.Doc, model: CollabModel): void {
  const elements = doc.getMap<unknown>(ELEMENT_LAYOUT_ROOT);
  for (const id of [...elements.keys()]) {
    if (model.elements[id] === undefined || readLayout(elements.get(id)) === null) {
      elements.delete(id);
    }
  }
  const zones = doc.getMap<unknown>(ZONE_LAYOUT_ROOT);
  for (const id of [...zones.keys()]) {
    if (model.zones[id] === undefined || readLayout(zones.get(id)) === null) zones.delete(id);
  }
  const flows = doc.getMap<unknown>(FLOW_LAYOUT_ROOT);
  for (const id of [...flows.keys()]) {
    if (model.flows[id] === undefined || readWaypoints(flows.get(id)) === null) flows.delete(id);
  }
}

/**
 * Brings the doc to `model` with the smallest change, in one transaction with
 * `origin`: the server's mirror of the domain state. It writes what a
 * GraphQL command decided, and it undoes what the domain refused (a
 * compensating update, so the author's later updates still apply). Without
 * `scope` every entity is compared; with it, only the named ones (and the
 * model's own fields, governed content and layout).
 */
export function writeModelToDoc(
  doc: Y.Doc,
  model: CollabModel,
  origin: unknown,
  scope?: WriteScope,
): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(MODEL_ROOT);
    for (const key of [...meta.keys()]) {
      if (!Object.prototype.hasOwnProperty.call(modelFields, key)) meta.delete(key);
    }
    for (const [field, kind] of Object.entries(modelFields)) {
      syncField(meta, field, kind, model[field as keyof typeof modelFields]);
    }
    for (const collection of collectionNames) {
      if (scope !== undefined && scope[collection] === undefined) continue;
      syncCollection(doc, collection, model[collection], scope?.[collection]);
    }
    const governed = doc.getMap<unknown>(GOVERNED_ROOT);
    for (const key of [...governed.keys()]) {
      if (!(governedKeys as readonly string[]).includes(key)) governed.delete(key);
    }
    for (const key of governedKeys) {
      const value = model.governed[key];
      const current = governed.get(key);
      if (current instanceof Y.AbstractType || !sameJson(current, value)) governed.set(key, value);
    }
    syncLayout(doc, model);
  }, origin);
}
