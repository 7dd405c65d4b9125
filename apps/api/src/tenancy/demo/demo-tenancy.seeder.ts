import {
  decideOrganisation,
  decideSystem,
  evolveSystem,
  initialOrganisationState,
  initialSystemState,
  organisationStreamId,
  systemStreamId,
  type OrganisationEvent,
  type SystemCommand,
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
  DEMO_VENDOR_MODEL_ID,
  DEMO_VENDOR_ORGANISATION_ID,
  DEMO_VENDOR_SYSTEM_ID,
} from '../../demo/demo-ids.js';

/** A demo account that becomes the admin of the organisation it founds. */
export interface DemoFounder {
  userId: string;
  email: string;
}

/** The two demo accounts: GenomeWell's admin and the vendor's. */
export interface DemoFounders {
  genomeWell: DemoFounder;
  vendor: DemoFounder;
}

/** What the tenancy demo seeding did. */
export type TenancySeedOutcome = 'seeded' | 'already-present';

/** What seeding did, per demo organisation. */
export interface DemoTenancySeedOutcome {
  genomeWell: TenancySeedOutcome;
  vendor: TenancySeedOutcome;
}

function eventsOf<E>(decision: TenancyDecision<E>, what: string): E[] {
  if (!decision.ok) throw new Error(`demo ${what} was refused: ${decision.error.message}`);
  return decision.events;
}

/** The founder acting as admin of the organisation being seeded. */
function adminContext(
  founder: DemoFounder,
  organisationId: string,
  now: Date,
): TenancyCommandContext {
  return {
    actor: { userId: founder.userId, email: founder.email, organisationId, role: 'admin' },
    now: now.toISOString(),
  };
}

/** Decides System commands in order, each against the state the previous ones left. */
function decideSystemCommands(
  commands: readonly SystemCommand[],
  context: TenancyCommandContext,
  what: string,
): SystemEvent[] {
  let state = initialSystemState();
  const events: SystemEvent[] = [];
  for (const command of commands) {
    const decided = eventsOf(decideSystem(command, state, context), what);
    state = decided.reduce(evolveSystem, state);
    events.push(...decided);
  }
  return events;
}

async function appendNew(
  eventStore: EventStore,
  streamId: string,
  organisationId: string,
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
          organisation: organisationId,
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
 * Seeds one demo organisation (its founder as admin) and one system it owns,
 * the system's stream from `systemCommands`. Each stream is written once
 * (`no_stream`), so restarts and concurrent starts leave it as it is.
 */
async function seedOrganisationWithSystem(
  eventStore: EventStore,
  organisation: { organisationId: string; name: string; slug: string },
  system: { systemId: string; commands: readonly SystemCommand[] },
  context: TenancyCommandContext,
): Promise<TenancySeedOutcome> {
  const organisationEvents = eventsOf(
    decideOrganisation(
      { type: 'CreateOrganisation', ...organisation },
      initialOrganisationState(),
      context,
    ),
    `organisation ${organisation.name}`,
  );
  const systemEvents = decideSystemCommands(
    system.commands,
    context,
    `system of ${organisation.name}`,
  );
  const isOrganisationNew = await appendNew(
    eventStore,
    organisationStreamId(organisation.organisationId),
    organisation.organisationId,
    organisationEvents,
  );
  const isSystemNew = await appendNew(
    eventStore,
    systemStreamId(system.systemId),
    organisation.organisationId,
    systemEvents,
  );
  return isOrganisationNew || isSystemNew ? 'seeded' : 'already-present';
}

/**
 * Seeds the demo tenancy through the same deciders as the API: the GenomeWell
 * organisation owning the "GenomeWell platform" system (the GenomeWell demo
 * model), and the vendor Helix Sequencing owning "Helix LIMS" (the Helix LIMS
 * demo model), shared with GenomeWell at role editor, so the demo account sees
 * an owned and a shared system and the vendor account can co-edit the shared
 * one with it. GenomeWell is seeded first: the share names it as grantee.
 */
export async function seedDemoTenancy(
  eventStore: EventStore,
  founders: DemoFounders,
  now: Date = new Date(),
): Promise<DemoTenancySeedOutcome> {
  const genomeWell = await seedOrganisationWithSystem(
    eventStore,
    { organisationId: DEMO_ORGANISATION_ID, name: 'GenomeWell', slug: 'genomewell' },
    {
      systemId: DEMO_SYSTEM_ID,
      commands: [
        {
          type: 'RegisterSystem',
          systemId: DEMO_SYSTEM_ID,
          ownerOrganisationId: DEMO_ORGANISATION_ID,
          name: 'GenomeWell platform',
          criticalityTier: 1,
          tags: ['genomics', 'health-data', 'demo'],
        },
        { type: 'AddThreatModelToSystem', systemId: DEMO_SYSTEM_ID, modelId: DEMO_MODEL_ID },
      ],
    },
    adminContext(founders.genomeWell, DEMO_ORGANISATION_ID, now),
  );
  const vendor = await seedOrganisationWithSystem(
    eventStore,
    {
      organisationId: DEMO_VENDOR_ORGANISATION_ID,
      name: 'Helix Sequencing',
      slug: 'helix-sequencing',
    },
    {
      systemId: DEMO_VENDOR_SYSTEM_ID,
      // The share is in the system's first write, so no start can leave the system unshared.
      commands: [
        {
          type: 'RegisterSystem',
          systemId: DEMO_VENDOR_SYSTEM_ID,
          ownerOrganisationId: DEMO_VENDOR_ORGANISATION_ID,
          name: 'Helix LIMS',
          criticalityTier: 2,
          tags: ['sequencing', 'lims', 'vendor', 'demo'],
        },
        {
          type: 'AddThreatModelToSystem',
          systemId: DEMO_VENDOR_SYSTEM_ID,
          modelId: DEMO_VENDOR_MODEL_ID,
        },
        {
          type: 'ShareSystem',
          systemId: DEMO_VENDOR_SYSTEM_ID,
          granteeOrganisationId: DEMO_ORGANISATION_ID,
          role: 'editor',
        },
      ],
    },
    adminContext(founders.vendor, DEMO_VENDOR_ORGANISATION_ID, now),
  );
  return { genomeWell, vendor };
}
