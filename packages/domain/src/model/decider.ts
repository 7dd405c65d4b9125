import type { CommandContext } from './context.js';
import type { ModelState } from './types.js';
import type { DomainEvent } from '../events.js';

/**
 * One command's decision: returns the events it produces or throws a DomainError,
 * which `decide` turns into a result; handlers stay short and linear that way.
 */
export type DecideHandler<TCommand> = (
  command: TCommand,
  state: ModelState,
  context: CommandContext,
) => DomainEvent[];

/** Folds one event into the state; throws IllegalState when the event does not fit it. */
export type EvolveHandler<TEvent> = (state: ModelState, event: TEvent) => ModelState;

/** Handlers for every member of a discriminated union, keyed by its `type`. */
export type DecideHandlers<TCommand extends { type: string }> = {
  [K in TCommand['type']]: DecideHandler<Extract<TCommand, { type: K }>>;
};

/** Handlers for every member of an event union, keyed by its `type`. */
export type EvolveHandlers<TEvent extends { type: string }> = {
  [K in TEvent['type']]: EvolveHandler<Extract<TEvent, { type: K }>>;
};

/**
 * Records copied during the replay in progress. Inside `replay` no intermediate
 * state escapes, so a record copied once may be written in place afterwards; this
 * turns replay from quadratic to linear in the number of entities. Outside a replay
 * the scope is null and every write copies, so states returned by `evolve` are
 * never changed afterwards.
 */
let replayScope: WeakSet<object> | null = null;

/** Runs `body` with copy-once-then-write-in-place semantics for records it creates. */
export function withinReplayScope<T>(body: () => T): T {
  const outer = replayScope;
  replayScope = new WeakSet();
  try {
    return body();
  } finally {
    replayScope = outer;
  }
}

function ownedCopy<T>(record: Record<string, T>): Record<string, T> {
  if (replayScope?.has(record)) return record;
  const copy = { ...record };
  replayScope?.add(copy);
  return copy;
}

/** Returns a record with one entry set; the given record is never changed unless this replay created it. */
export function withEntry<T>(record: Record<string, T>, id: string, value: T): Record<string, T> {
  const target = ownedCopy(record);
  target[id] = value;
  return target;
}

/** Returns a record without one entry, under the same rule as withEntry. */
export function withoutEntry<T>(record: Record<string, T>, id: string): Record<string, T> {
  const target = ownedCopy(record);
  delete target[id];
  return target;
}

/** Drops keys whose value is undefined so "changes" payloads stay JSON-exact. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
