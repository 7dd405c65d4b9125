import type { EventStore, SqlExecutor } from '@threatloom/eventstore';
import type { IdentityEvent } from './identity-events.js';

/** Who caused identity events and on whose behalf; becomes the event metadata. */
export interface IdentityEventContext {
  /** User id of the actor, or `anonymous` before anyone is authenticated. */
  actor: string;
  /** Organisation the actor acted for; NO_ORGANISATION when none applies (signing in). */
  organisation: string;
  correlationId?: string;
}

/** Metadata organisation of identity facts that happen outside any organisation (sign-up, sign-in). */
export const NO_ORGANISATION = 'none';

/** Appends identity events in the caller's transaction, so the fact and the state change commit together. */
export class IdentityEventRecorder {
  constructor(private readonly eventStore: EventStore) {}

  /** Records events on a stream. Identity streams have no decider, so any version is accepted. */
  async record(
    transaction: SqlExecutor,
    stream: string,
    events: readonly IdentityEvent[],
    context: IdentityEventContext,
  ): Promise<void> {
    const metadata = {
      actor: context.actor,
      organisation: context.organisation,
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    };
    await this.eventStore.append(
      stream,
      events.map((event) => ({ type: event.type, schemaVersion: 1, data: event.data, metadata })),
      { expectedVersion: 'any', transaction },
    );
  }
}
