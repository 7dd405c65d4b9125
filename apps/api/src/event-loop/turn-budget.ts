/**
 * How long (ms) work started from one turn of the event loop may run before
 * it lets other work (probes, other requests) in: long computations, lists
 * completed by GraphQL and answers written out check it between small slices.
 */
export const TURN_BUDGET_MS = 20;

/** When the current turn began, as far as work that checks the budget knows. */
let turnStartedAt = performance.now();
let nextTurn: Promise<void> | null = null;

/**
 * Resolves at the next turn of the event loop (after pending I/O). Every
 * caller waiting meanwhile shares that one turn and so its budget: many
 * concurrent slices (aliases, lists) resume together and yield together,
 * instead of each taking a budget of its own in the same turn.
 */
export function nextTurnOfEventLoop(): Promise<void> {
  nextTurn ??= new Promise((resolve) =>
    setImmediate(() => {
      nextTurn = null;
      turnStartedAt = performance.now();
      resolve();
    }),
  );
  return nextTurn;
}

/**
 * Undefined while the current turn's budget lasts (carry on), otherwise the
 * next turn to wait for: `await afterTurnBudget()` between slices of work.
 */
export function afterTurnBudget(): Promise<void> | undefined {
  return performance.now() - turnStartedAt >= TURN_BUDGET_MS ? nextTurnOfEventLoop() : undefined;
}
