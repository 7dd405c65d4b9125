import { decide, type DecideResult } from './decide.js';
import type { DomainError } from './errors.js';
import type { DomainEvent } from './events.js';
import type { CommandContext } from './model/context.js';
import { replay } from './model/evolve.js';
import type { ModelState } from './model/types.js';

/** The outcome of deciding a command and folding its events. */
export type ExecuteResult =
  { ok: true; events: DomainEvent[]; state: ModelState } | { ok: false; error: DomainError };

/** Decides a command and applies its events: what an in-memory caller (tests, importers) needs. */
export function execute(
  command: unknown,
  state: ModelState,
  context: CommandContext,
): ExecuteResult {
  const result: DecideResult = decide(command, state, context);
  if (!result.ok) return result;
  return { ok: true, events: result.events, state: replay(result.events, state) };
}
