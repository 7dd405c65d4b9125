import { yieldToEventLoop } from '../model-state/model-state.store.js';

/** Items completed per turn of the event loop when a long list is answered. */
export const LIST_CHUNK_SIZE = 200;

/**
 * A long list as a list of promises that settle `chunkSize` at a time, one
 * turn of the event loop apart. GraphQL completes a list item when it
 * settles, so a view with thousands of rows (the STRIDE matrix of a large
 * model) is turned into its answer in slices instead of one long block that
 * would stall every other request and probe.
 */
export function inChunks<T>(items: readonly T[], chunkSize = LIST_CHUNK_SIZE): (T | Promise<T>)[] {
  if (items.length <= chunkSize) return [...items];
  const chunked: Promise<T>[] = [];
  let turn: Promise<void> = Promise.resolve();
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) turn = turn.then(yieldToEventLoop);
    const settled = turn;
    for (const item of items.slice(start, start + chunkSize))
      chunked.push(settled.then(() => item));
  }
  return chunked;
}
