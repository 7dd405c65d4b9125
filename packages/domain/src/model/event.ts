/** The shape of every domain event: a past-tense fact with a versioned, JSON-safe payload. */
export interface EventOf<TType extends string, TData, TVersion extends number = 1> {
  type: TType;
  schemaVersion: TVersion;
  data: TData;
}

/** Builds a v1 event; keeps call sites short and the version explicit in one place. */
export function event<TType extends string, TData>(
  type: TType,
  data: TData,
): EventOf<TType, TData, 1> {
  return { type, schemaVersion: 1, data };
}

/** Builds an event of a type whose current shape is past v1 (see `currentEventVersions`). */
export function versionedEvent<TType extends string, TData, TVersion extends number>(
  type: TType,
  schemaVersion: TVersion,
  data: TData,
): EventOf<TType, TData, TVersion> {
  return { type, schemaVersion, data };
}
