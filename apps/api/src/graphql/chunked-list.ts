import { afterTurnBudget } from '../event-loop/turn-budget.js';

/** Items GraphQL completes between two checks of the turn budget when a long list is answered. */
export const LIST_SLICE_SIZE = 50;

/**
 * A long list as a list of promises that settle a slice at a time, each
 * slice once the turn budget allows (`event-loop/turn-budget.ts`). GraphQL
 * completes a list item when it settles, so a view with thousands of rows
 * (the STRIDE matrix or checklist offenders of a large model) is turned into
 * its answer in slices instead of one long block that would stall every
 * other request and probe. The budget is shared, so many such lists in one
 * request (aliases, every checklist item) still yield together.
 */
export function inChunks<T>(items: readonly T[], sliceSize = LIST_SLICE_SIZE): (T | Promise<T>)[] {
  if (items.length <= sliceSize) return [...items];
  const sliced: Promise<T>[] = [];
  let turn: Promise<void> = Promise.resolve();
  for (let start = 0; start < items.length; start += sliceSize) {
    turn = turn.then(afterTurnBudget);
    const settled = turn;
    for (const item of items.slice(start, start + sliceSize)) sliced.push(settled.then(() => item));
  }
  return sliced;
}
