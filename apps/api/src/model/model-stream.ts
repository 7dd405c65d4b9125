const MODEL_STREAM_PREFIX = 'model-';

/** The event-store stream of a threat model. */
export function modelStreamId(modelId: string): string {
  return `${MODEL_STREAM_PREFIX}${modelId}`;
}

/** The model id of a `model-<id>` stream, or null for any other stream. */
export function modelIdOfStream(streamId: string): string | null {
  return streamId.startsWith(MODEL_STREAM_PREFIX)
    ? streamId.slice(MODEL_STREAM_PREFIX.length)
    : null;
}
