import {
  decideOrganisation,
  decideSystem,
  initialOrganisationState,
  initialSystemState,
  organisationStreamId,
  replaySystem,
  systemStreamId,
  type OrganisationEvent,
  type SystemEvent,
  type TenancyCommandContext,
  type TenancyDecision,
} from '@threatloom/domain';
import { WrongExpectedVersion, type EventStore } from '@threatloom/eventstore';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SEED_ACTOR,
  DEMO_SYSTEM_ID,
} from '../../demo/demo-ids.js';

/** The demo account that becomes the demo organisation's admin. */
export interface DemoFounder {
  userId: string;
  email: string;
}

/** What the tenancy demo seeding did. */
export type TenancySeedOutcome = 'seeded' | 'already-present';

function eventsOf<E>(decision: TenancyDecision<E>, what: string): E[] {
  if (!decision.ok) throw new Error(`demo ${what} was refused: ${decision.error.message}`);
  return decision.events;
}

async function appendNew(
  eventStore: EventStore,
  streamId: string,
  events: readonly (OrganisationEvent | SystemEvent)[],
): Promise<boolean> {
  try {
    await eventStore.append(
      streamId,
      events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: {
          actor: DEMO_SEED_ACTOR,
          organisation: DEMO_ORGANISATION_ID,
          client: 'demo-seed',
        },
      })),
      { expectedVersion: 'no_stream' },
    );
    return true;
  } catch (error) {
    // Another server process seeded it first.
    if (error instanceof WrongExpectedVersion) return false;
    throw error;
  }
}

/**
 * Seeds the GenomeWell organisation (the demo account as its admin) owning the
 * "GenomeWell platform" system, which holds the demo model, through the same
 * deciders as the API. Each stream is written once (`no_stream`), so restarts
 * and concurrent starts leave it as it is.
 */
export async function seedDemoTenancy(
  eventStore: EventStore,
  founder: DemoFounder,
  now: Date = new Date(),
): Promise<TenancySeedOutcome> {
  const context: TenancyCommandContext = {
    actor: {
      userId: founder.userId,
      email: founder.email,
      organisationId: DEMO_ORGANISATION_ID,
      role: 'admin',
    },
    now: now.toISOString(),
  };
  const organisationEvents = eventsOf(
    decideOrganisation(
      {
        type: 'CreateOrganisation',
        organisationId: DEMO_ORGANISATION_ID,
        name: 'GenomeWell',
        slug: 'genomewell',
      },
      initialOrganisationState(),
      context,
    ),
    'organisation',
  );
  const registered = eventsOf(
    decideSystem(
      {
        type: 'RegisterSystem',
        systemId: DEMO_SYSTEM_ID,
        ownerOrganisationId: DEMO_ORGANISATION_ID,
        name: 'GenomeWell platform',
        criticalityTier: 1,
        tags: ['genomics', 'health-data', 'demo'],
      },
      initialSystemState(),
      context,
    ),
    'system',
  );
  const modelAdded = eventsOf(
    decideSystem(
      { type: 'AddThreatModelToSystem', systemId: DEMO_SYSTEM_ID, modelId: DEMO_MODEL_ID },
      replaySystem(registered),
      context,
    ),
    'model ownership',
  );
  const isOrganisationNew = await appendNew(
    eventStore,
    organisationStreamId(DEMO_ORGANISATION_ID),
    organisationEvents,
  );
  const isSystemNew = await appendNew(eventStore, systemStreamId(DEMO_SYSTEM_ID), [
    ...registered,
    ...modelAdded,
  ]);
  return isOrganisationNew || isSystemNew ? 'seeded' : 'already-present';
}
