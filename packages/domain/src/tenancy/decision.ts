import { DomainError } from '../errors.js';

/** The outcome of a tenancy decider: the events to append, or the typed reason it refused. */
export type TenancyDecision<TEvent> =
  { ok: true; events: TEvent[] } | { ok: false; error: DomainError };

/** Runs a throwing decision and turns a DomainError into a refusal; other errors are bugs and propagate. */
export function toTenancyDecision<TEvent>(decideOrThrow: () => TEvent[]): TenancyDecision<TEvent> {
  try {
    return { ok: true, events: decideOrThrow() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}
