import { loadGenomeWell } from '@threatloom/domain';
import { WrongExpectedVersion, type EventStore } from '@threatloom/eventstore';
import { randomUUID } from 'node:crypto';
import { modelStreamId } from '../model/model-stream.js';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SEED_ACTOR,
  DEMO_SYSTEM_ID,
} from './demo-ids.js';
import genomeWellFixture from './genomewell.json' with { type: 'json' };

/** What seeding did. */
export type SeedOutcome = 'seeded' | 'already-present';

/**
 * Appends the GenomeWell demo model's events to its fixed stream unless the
 * stream exists. `no_stream` makes two servers starting at once safe: one
 * wins, the other sees WrongExpectedVersion and leaves the model alone.
 */
export async function seedGenomeWell(
  eventStore: EventStore,
  now: Date = new Date(),
): Promise<SeedOutcome> {
  const streamId = modelStreamId(DEMO_MODEL_ID);
  const existing = await eventStore.readStream(streamId, { limit: 1 });
  if (existing.length > 0) return 'already-present';
  const loaded = loadGenomeWell(
    genomeWellFixture,
    {
      actor: {
        userId: DEMO_SEED_ACTOR,
        organisationId: DEMO_ORGANISATION_ID,
        roles: ['admin', 'risk_owner'],
      },
      now: now.toISOString(),
    },
    { modelId: DEMO_MODEL_ID, systemId: DEMO_SYSTEM_ID },
  );
  if (!loaded.ok) {
    throw new Error(
      `the GenomeWell demo fixture was refused at ${loaded.source}: ${loaded.error.message}`,
    );
  }
  const correlationId = randomUUID();
  try {
    await eventStore.append(
      streamId,
      loaded.events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: {
          actor: DEMO_SEED_ACTOR,
          organisation: DEMO_ORGANISATION_ID,
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
