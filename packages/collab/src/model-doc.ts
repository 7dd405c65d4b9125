import * as Y from 'yjs';
import type { CollabModel, GovernedContent } from './collab-model.js';
import { newEntity, readEntity, syncField } from './doc-fields.js';
import { readLayout, readWaypoints, type ElementLayout, type Waypoint } from './layout.js';
import { modelFromDoc, readGoverned } from './model-from-doc.js';
import {
  collectionFields,
  ELEMENT_LAYOUT_ROOT,
  FLOW_LAYOUT_ROOT,
  MODEL_ROOT,
  modelFields,
  ZONE_LAYOUT_ROOT,
  type CollectionName,
} from './schema.js';

/** The entity type of each collection, as the doc holds it. */
export type EntityOf<C extends CollectionName> = CollabModel[C][string];

/** The fields of an entity a client may write (its id is its key). */
export type FieldsOf<C extends CollectionName> = Partial<Omit<EntityOf<C>, 'id'>>;

/**
 * Typed access to a threat model's Y.Doc, for the web app and the server:
 * nothing else reads or writes raw keys. Writes are plain Yjs writes (the
 * caller groups them with `transact`); the server decides what they mean.
 */
export class ModelDoc {
  constructor(readonly doc: Y.Doc) {}

  /** Runs `change` as one Yjs transaction (one update, one undo step). */
  transact(change: () => void, origin?: unknown): void {
    this.doc.transact(change, origin);
  }

  /** The whole semantic model the doc holds. */
  model(): CollabModel {
    return modelFromDoc(this.doc);
  }

  /** The model's name and description. */
  meta(): { name: unknown; description: unknown } {
    const meta = this.doc.getMap<unknown>(MODEL_ROOT);
    return { name: meta.get('name'), description: String(meta.get('description') ?? '') };
  }

  /** Renames the model (the description is a shared text: see `modelText`). */
  setName(name: string): void {
    syncField(this.doc.getMap<unknown>(MODEL_ROOT), 'name', modelFields.name, name);
  }

  /** The model description as a shared text, for an editor binding. */
  modelText(): Y.Text | null {
    const value = this.doc.getMap<unknown>(MODEL_ROOT).get('description');
    return value instanceof Y.Text ? value : null;
  }

  /** The ids of a collection's entities (a key holding anything but an entity map is skipped). */
  ids(collection: CollectionName): string[] {
    const ids: string[] = [];
    for (const [id, value] of this.doc.getMap<unknown>(collection).entries()) {
      if (value instanceof Y.Map) ids.push(id);
    }
    return ids;
  }

  /** One entity as a plain object, or undefined. */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | undefined {
    const root = this.doc.getMap<unknown>(collection);
    if (!root.has(id)) return undefined;
    return readEntity(id, root.get(id), collectionFields[collection]) as unknown as EntityOf<C>;
  }

  /** Adds an entity under `id` (replacing one there). */
  add<C extends CollectionName>(collection: C, id: string, fields: FieldsOf<C>): void {
    const entity = newEntity(fields as Record<string, unknown>, collectionFields[collection]);
    this.doc.getMap<unknown>(collection).set(id, entity);
  }

  /** Sets fields of an existing entity; a text field is rewritten by its changed span. */
  update<C extends CollectionName>(collection: C, id: string, fields: FieldsOf<C>): void {
    const map = this.doc.getMap<unknown>(collection).get(id);
    if (!(map instanceof Y.Map)) throw new Error(`${collection} has no entity '${id}'`);
    const kinds = collectionFields[collection] as Record<string, 'value' | 'text' | 'map'>;
    this.transact(() => {
      for (const [field, value] of Object.entries(fields)) {
        const kind = kinds[field];
        if (kind === undefined) throw new Error(`${collection} has no field '${field}'`);
        syncField(map, field, kind, value);
      }
    });
  }

  /** Removes an entity. */
  remove(collection: CollectionName, id: string): void {
    this.doc.getMap<unknown>(collection).delete(id);
  }

  /** A long-text field as a shared text, for an editor binding; null when absent. */
  text(collection: CollectionName, id: string, field: string): Y.Text | null {
    const map = this.doc.getMap<unknown>(collection).get(id);
    const value = map instanceof Y.Map ? map.get(field) : undefined;
    return value instanceof Y.Text ? value : null;
  }

  /** What only the server writes: settings, decisions, versions, sign-offs, attestations. */
  governed(): GovernedContent {
    return readGoverned(this.doc);
  }

  /** An element's position and size on the diagram, or null. */
  elementLayout(id: string): ElementLayout | null {
    return readLayout(this.doc.getMap<unknown>(ELEMENT_LAYOUT_ROOT).get(id));
  }

  /** Moves or resizes an element on the diagram (no domain event). */
  setElementLayout(id: string, layout: ElementLayout): void {
    this.doc.getMap<unknown>(ELEMENT_LAYOUT_ROOT).set(id, { ...layout });
  }

  /** A zone's box on the diagram, or null. */
  zoneLayout(id: string): ElementLayout | null {
    return readLayout(this.doc.getMap<unknown>(ZONE_LAYOUT_ROOT).get(id));
  }

  /** Moves or resizes a zone's box on the diagram (no domain event). */
  setZoneLayout(id: string, layout: ElementLayout): void {
    this.doc.getMap<unknown>(ZONE_LAYOUT_ROOT).set(id, { ...layout });
  }

  /** A flow's bend points, or an empty list. */
  flowWaypoints(id: string): Waypoint[] {
    return readWaypoints(this.doc.getMap<unknown>(FLOW_LAYOUT_ROOT).get(id)) ?? [];
  }

  /** Sets a flow's bend points (no domain event). */
  setFlowWaypoints(id: string, waypoints: readonly Waypoint[]): void {
    this.doc.getMap<unknown>(FLOW_LAYOUT_ROOT).set(
      id,
      waypoints.map(({ x, y }) => ({ x, y })),
    );
  }
}
