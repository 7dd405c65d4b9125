import * as Y from 'yjs';
import type { CollabModel, GovernedContent } from './collab-model.js';
import { readEntity, readField } from './doc-fields.js';
import {
  collectionFields,
  collectionNames,
  GOVERNED_ROOT,
  governedKeys,
  MODEL_ROOT,
  modelFields,
  type CollectionName,
} from './schema.js';
import type { WriteScope } from './write-model.js';

/** Reads one collection of the doc as plain entities keyed by id. */
export function readCollection(
  doc: Y.Doc,
  collection: CollectionName,
  only?: ReadonlySet<string>,
): Record<string, Record<string, unknown>> {
  const root = doc.getMap<unknown>(collection);
  const fields = collectionFields[collection];
  const entities: Record<string, Record<string, unknown>> = {};
  const ids = only === undefined ? root.keys() : [...only].filter((id) => root.has(id));
  for (const id of ids) entities[id] = readEntity(id, root.get(id), fields);
  return entities;
}

/** Reads the `governed` map: what only the server writes. */
export function readGoverned(doc: Y.Doc): GovernedContent {
  const root = doc.getMap<unknown>(GOVERNED_ROOT);
  const governed: Record<string, unknown> = {};
  for (const key of governedKeys) {
    if (root.has(key)) governed[key] = readField(root.get(key), 'value');
  }
  return governed as unknown as GovernedContent;
}

/**
 * The semantic model a doc holds (layout excluded), in the shape
 * `collabModelOf` gives a domain state. Never throws: a field a client left
 * out is absent, and a value of the wrong type is read as it is, for the
 * domain's validation to refuse.
 *
 * With `scope`, only the named entities of each collection are read (the
 * others are left out), with the model's own fields and governed content:
 * what `decideDocChange` compares under the same scope, at the cost of the
 * entities an edit touched rather than of the whole model.
 */
export function modelFromDoc(doc: Y.Doc, scope?: WriteScope): CollabModel {
  const meta = doc.getMap<unknown>(MODEL_ROOT);
  const model: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(modelFields)) {
    if (meta.has(field)) model[field] = readField(meta.get(field), kind);
  }
  for (const collection of collectionNames) {
    model[collection] =
      scope === undefined
        ? readCollection(doc, collection)
        : readCollection(doc, collection, scope[collection] ?? new Set());
  }
  model['governed'] = readGoverned(doc);
  return model as unknown as CollabModel;
}
