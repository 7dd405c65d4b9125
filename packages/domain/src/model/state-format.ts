/**
 * Version of the shape `replay` builds (ModelState and what `evolve` puts in
 * it). Persisted snapshots of a model's state carry the version they were
 * taken at and are ignored when it differs, so bump it whenever an evolve
 * handler, an upcaster or ModelState changes what a replay produces.
 */
export const MODEL_STATE_FORMAT = 2;
