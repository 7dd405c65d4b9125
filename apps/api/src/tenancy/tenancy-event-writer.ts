import { Injectable } from '@nestjs/common';
import type { DomainError, TenancyDecision } from '@threatloom/domain';
import { checkpointOf, type EventMetadata, type NewEvent } from '@threatloom/eventstore';
import { DatabaseService } from '../database/database.service.js';
import { toAppError } from '../errors/to-app-error.js';
import { underArgument } from '../errors/under-argument.js';
import { ProjectionProgress } from '../projections/projection-progress.js';
import { TENANCY_PROJECTION } from './projection/tenancy.projection.js';

/** A domain event as the tenancy deciders produce it. */
export interface TenancyDomainEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** The three pure functions of one tenancy aggregate. */
export interface TenancyAggregate<State, Event extends TenancyDomainEvent, Context> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: unknown, state: State, context: Context): TenancyDecision<Event>;
}

/** What a command did: the aggregate's new state and the events appended. */
export interface TenancyOutcome<State, Event> {
  state: State;
  events: Event[];
}

/**
 * Runs one command against one aggregate stream: fold the stream, decide,
 * append with the version read as expected version (a concurrent writer
 * gets CONFLICT), then wait until the tenancy projection has applied the new
 * events, so the next request (and its access checks) already sees them.
 */
@Injectable()
export class TenancyEventWriter {
  constructor(
    private readonly database: DatabaseService,
    private readonly progress: ProjectionProgress,
  ) {}

  /** Loads the current state of a stream without changing it. */
  async load<State, Event extends TenancyDomainEvent, Context>(
    aggregate: TenancyAggregate<State, Event, Context>,
    streamId: string,
  ): Promise<{ state: State; version: number }> {
    const stored = await this.database.eventStore.readStream(streamId);
    const state = stored
      .map(
        (event) =>
          ({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }) as Event,
      )
      .reduce((current, event) => aggregate.evolve(current, event), aggregate.initialState());
    return { state, version: stored.length - 1 };
  }

  /**
   * Decides and appends one command; throws the domain's typed error when
   * refused, its field under `argument` when the command came in one (`input.name`).
   */
  async execute<State, Event extends TenancyDomainEvent, Context>(
    aggregate: TenancyAggregate<State, Event, Context>,
    streamId: string,
    command: unknown,
    context: Context,
    metadata: EventMetadata,
    argument?: string,
  ): Promise<TenancyOutcome<State, Event>> {
    const { state, version } = await this.load(aggregate, streamId);
    const decision = aggregate.decide(command, state, context);
    if (!decision.ok) {
      const refusal = decision.error satisfies DomainError;
      const mapped = argument === undefined ? null : toAppError(refusal);
      throw mapped === null ? refusal : underArgument(mapped, (field) => `${argument}.${field}`);
    }
    if (decision.events.length === 0) return { state, events: [] };
    const newEvents: NewEvent[] = decision.events.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    }));
    const appended = await this.database.eventStore.append(streamId, newEvents, {
      expectedVersion: version < 0 ? 'no_stream' : version,
    });
    const last = appended.at(-1);
    if (last !== undefined) await this.progress.waitFor([TENANCY_PROJECTION], checkpointOf(last));
    return {
      state: decision.events.reduce((current, event) => aggregate.evolve(current, event), state),
      events: decision.events,
    };
  }
}
