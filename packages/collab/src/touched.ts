/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types its shared types with `any` events */
import * as Y from 'yjs';
import { collectionNames, type CollectionName } from './schema.js';
import type { WriteScope } from './write-model.js';

const collections = new Set<string>(collectionNames);

/** The name a top-level type was opened under in `doc`, or null for a nested type. */
function rootName(doc: Y.Doc, type: Y.AbstractType<any>): string | null {
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

/**
 * The entities a transaction touched, per collection: an entity map added,
 * removed or replaced in its collection, or any change inside it (a field, a
 * text, a nested map). Roots other than the collections (the model's own
 * fields, governed content, layout) are always compared in full, so they
 * need no entry here.
 */
export function touchedEntities(transaction: Y.Transaction): WriteScope {
  const touched: Partial<Record<CollectionName, Set<string>>> = {};
  const add = (collection: string, id: string): void => {
    if (!collections.has(collection)) return;
    const ids = (touched[collection as CollectionName] ??= new Set());
    ids.add(id);
  };
  for (const [type, keys] of transaction.changed) {
    let child: Y.AbstractType<any> = type;
    let parent = child._item?.parent;
    if (parent === undefined || parent === null) {
      // A collection itself changed: the keys are the entity ids set or deleted.
      const name = rootName(transaction.doc, type);
      if (name !== null) for (const key of keys) if (key !== null) add(name, key);
      continue;
    }
    // Walk up to the child of a root: that child is the entity, its key the entity id.
    while (parent instanceof Y.AbstractType && parent._item !== null) {
      child = parent;
      parent = child._item?.parent;
    }
    const id = child._item?.parentSub;
    if (parent instanceof Y.AbstractType && typeof id === 'string') {
      const name = rootName(transaction.doc, parent);
      if (name !== null) add(name, id);
    }
  }
  return touched;
}

/** The union of two scopes. */
export function mergeScopes(left: WriteScope, right: WriteScope): WriteScope {
  const merged: Partial<Record<CollectionName, Set<string>>> = {};
  for (const collection of collectionNames) {
    const ids = [...(left[collection] ?? []), ...(right[collection] ?? [])];
    if (left[collection] !== undefined || right[collection] !== undefined) {
      merged[collection] = new Set(ids);
    }
  }
  return merged;
}
