import {
  execute,
  initialState,
  loadGenomeWell,
  type CommandContext,
  type DomainEvent,
} from '@threatloom/domain';
import { WrongExpectedVersion, type EventStore } from '@threatloom/eventstore';
import { randomUUID } from 'node:crypto';
import { modelStreamId } from '../model/model-stream.js';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SEED_ACTOR,
  DEMO_SYSTEM_ID,
  DEMO_VENDOR_MODEL_ID,
  DEMO_VENDOR_ORGANISATION_ID,
} from './demo-ids.js';
import genomeWellFixture from './genomewell.json' with { type: 'json' };
import { helixLimsCommands } from './helix-lims.js';

/** What seeding did. */
export type SeedOutcome = 'seeded' | 'already-present';

/** The seed actor, acting for the organisation that owns the model. */
function seedContext(organisationId: string, now: Date): CommandContext {
  return {
    actor: { userId: DEMO_SEED_ACTOR, organisationId, roles: ['admin', 'risk_owner'] },
    now: now.toISOString(),
  };
}

/**
 * Appends a demo model's events to its fixed stream unless the stream exists.
 * `no_stream` makes two servers starting at once safe: one wins, the other
 * sees WrongExpectedVersion and leaves the model alone. `build` runs only when
 * the stream is missing, so a restart does not decide the model again.
 */
async function seedModelOnce(
  eventStore: EventStore,
  model: { modelId: string; organisationId: string },
  build: () => DomainEvent[],
): Promise<SeedOutcome> {
  const streamId = modelStreamId(model.modelId);
  const existing = await eventStore.readStream(streamId, { limit: 1 });
  if (existing.length > 0) return 'already-present';
  const events = build();
  const correlationId = randomUUID();
  try {
    await eventStore.append(
      streamId,
      events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: {
          actor: DEMO_SEED_ACTOR,
          organisation: model.organisationId,
          correlationId,
          client: 'demo-seed',
        },
      })),
      { expectedVersion: 'no_stream' },
    );
  } catch (error) {
    if (error instanceof WrongExpectedVersion) return 'already-present';
    throw error;
  }
  return 'seeded';
}

/** Seeds the GenomeWell demo model, owned by the GenomeWell organisation, once per database. */
export function seedGenomeWell(
  eventStore: EventStore,
  now: Date = new Date(),
): Promise<SeedOutcome> {
  return seedModelOnce(
    eventStore,
    { modelId: DEMO_MODEL_ID, organisationId: DEMO_ORGANISATION_ID },
    () => {
      const loaded = loadGenomeWell(genomeWellFixture, seedContext(DEMO_ORGANISATION_ID, now), {
        modelId: DEMO_MODEL_ID,
        systemId: DEMO_SYSTEM_ID,
      });
      if (!loaded.ok) {
        throw new Error(
          `the GenomeWell demo fixture was refused at ${loaded.source}: ${loaded.error.message}`,
        );
      }
      return loaded.events;
    },
  );
}

/**
 * Seeds the vendor's Helix LIMS model, owned by Helix Sequencing, once per
 * database: its commands go through `execute` one by one, each decided
 * against the state the previous ones left.
 */
export function seedHelixLims(
  eventStore: EventStore,
  now: Date = new Date(),
): Promise<SeedOutcome> {
  return seedModelOnce(
    eventStore,
    { modelId: DEMO_VENDOR_MODEL_ID, organisationId: DEMO_VENDOR_ORGANISATION_ID },
    () => {
      const context = seedContext(DEMO_VENDOR_ORGANISATION_ID, now);
      let state = initialState();
      const events: DomainEvent[] = [];
      for (const [index, command] of helixLimsCommands.entries()) {
        const executed = execute(command, state, context);
        if (!executed.ok) {
          throw new Error(
            `the Helix LIMS demo fixture was refused at command ${index} (${command.type}): ${executed.error.message}`,
          );
        }
        state = executed.state;
        events.push(...executed.events);
      }
      return events;
    },
  );
}
