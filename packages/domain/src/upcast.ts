import { IllegalState } from './errors.js';
import { currentEventVersions, type DomainEvent, type DomainEventType } from './events.js';

/** An event as read from the store: any type, any version, data not yet trusted. */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Turns the payload of `(type, version)` into the payload of `(type, version + 1)`. */
export type UpcastStep = (data: unknown) => unknown;

/** Upcast steps keyed by `Type@version` of the shape they read. */
export type UpcasterRegistry = ReadonlyMap<string, UpcastStep>;

/** Registry key for the step that reads `type` at `version`. */
export function upcastKey(type: string, version: number): string {
  return `${type}@${version}`;
}

/** v1 settings had no `requiresTicketLinks`: they read as the default, ticket links required. */
function withTicketLinkPolicy(data: unknown): unknown {
  const payload = data as { settings: Record<string, unknown> };
  return { ...payload, settings: { ...payload.settings, requiresTicketLinks: true } };
}

/** v1 elements carried diagram geometry; it now lives in the co-editing doc, not in events. */
function withoutElementLayout(data: unknown): unknown {
  const payload = data as { element: Record<string, unknown> };
  const { layout: _layout, ...element } = payload.element;
  return { ...payload, element };
}

/** v1 changes could carry `layout`; a change of layout alone becomes a change of nothing. */
function withoutChangedLayout(data: unknown): unknown {
  const payload = data as { changes: Record<string, unknown> };
  const { layout: _layout, ...changes } = payload.changes;
  return { ...payload, changes };
}

/**
 * Steps from each older payload to the next. When a payload changes, bump its version
 * in `currentEventVersions` and register the step from the old version here: stored
 * events are never rewritten, they are upcast when read.
 */
export const upcasters: UpcasterRegistry = new Map([
  [upcastKey('ThreatModelCreated', 1), withTicketLinkPolicy],
  [upcastKey('ModelSettingsChanged', 1), withTicketLinkPolicy],
  [upcastKey('ElementAdded', 1), withoutElementLayout],
  [upcastKey('ElementChanged', 1), withoutChangedLayout],
]);

/** Builds an upcaster over a registry and the current versions (injectable for tests). */
export function createUpcaster(
  registry: UpcasterRegistry,
  currentVersions: Readonly<Record<string, number>>,
): (stored: StoredEvent) => DomainEvent {
  return (stored) => {
    const current = currentVersions[stored.type];
    if (current === undefined)
      throw new IllegalState('type', `unknown event type '${stored.type}'`);
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion < 1) {
      throw new IllegalState(
        'schemaVersion',
        `${stored.type} has invalid version ${stored.schemaVersion}`,
      );
    }
    if (stored.schemaVersion > current) {
      throw new IllegalState(
        'schemaVersion',
        `${stored.type} v${stored.schemaVersion} is newer than this code understands (v${current})`,
      );
    }
    let data = stored.data;
    for (let version = stored.schemaVersion; version < current; version += 1) {
      const step = registry.get(upcastKey(stored.type, version));
      if (!step) {
        throw new IllegalState(
          'schemaVersion',
          `no upcaster from ${stored.type} v${version} to v${version + 1}`,
        );
      }
      data = step(data);
    }
    return { type: stored.type, schemaVersion: current, data } as DomainEvent;
  };
}

/** Brings a stored event to the current shape of its type. */
export const upcast: (stored: StoredEvent) => DomainEvent = createUpcaster(
  upcasters,
  currentEventVersions as Record<DomainEventType, number>,
);
