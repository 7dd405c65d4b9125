import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organisationStreamId, systemStreamId } from '@threatloom/domain';
import { requirePostgres } from '@threatloom/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseService } from '../src/database/database.service.js';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SYSTEM_ID,
  DEMO_VENDOR_MODEL_ID,
  DEMO_VENDOR_ORGANISATION_ID,
  DEMO_VENDOR_SYSTEM_ID,
} from '../src/demo/demo-ids.js';
import { seedGenomeWell, seedHelixLims } from '../src/demo/demo-seeder.js';
import { AccountService } from '../src/identity/account/account-service.js';
import {
  DEMO_ACCOUNT_EMAIL,
  DemoAccounts,
  VENDOR_DEMO_ACCOUNT_EMAIL,
} from '../src/identity/demo-accounts.js';
import { modelStreamId } from '../src/model/model-stream.js';
import { seedDemoTenancy } from '../src/tenancy/demo/demo-tenancy.seeder.js';
import {
  createPostgresFixture,
  startApiServer,
  type ApiServer,
  type PostgresFixture,
  type TestDatabase,
} from './support/api-server.js';

const isPostgresAvailable = await requirePostgres();

const DEMO_ENV = { SEED_DEMO: 'true', DEMO_ACCOUNT_PASSWORD: 'threatloom-demo' };

/** Every stream the demo writes, by what it holds. */
const demoStreams = {
  'GenomeWell organisation': organisationStreamId(DEMO_ORGANISATION_ID),
  'GenomeWell platform system': systemStreamId(DEMO_SYSTEM_ID),
  'GenomeWell model': modelStreamId(DEMO_MODEL_ID),
  'Helix Sequencing organisation': organisationStreamId(DEMO_VENDOR_ORGANISATION_ID),
  'Helix LIMS system': systemStreamId(DEMO_VENDOR_SYSTEM_ID),
  'Helix LIMS model': modelStreamId(DEMO_VENDOR_MODEL_ID),
};
type DemoStream = keyof typeof demoStreams;

/** What the database holds of the demo: event types per stream, accounts and founders. */
interface DemoCopies {
  /** How often each event type occurs in each demo stream. */
  streams: Record<DemoStream, Record<string, number>>;
  /** User ids registered under each demo email. */
  accounts: Record<string, string[]>;
  /** User ids each demo organisation names as founder. */
  founders: Record<string, string[]>;
}

/** One copy of the demo: each aggregate created once, each account registered once and founding its organisation. */
function expectOneCopy(copies: DemoCopies): void {
  expect(copies.streams).toMatchObject({
    'GenomeWell organisation': { OrganisationCreated: 1 },
    'GenomeWell platform system': { SystemRegistered: 1, ThreatModelAddedToSystem: 1 },
    'GenomeWell model': { ThreatModelCreated: 1, ThreatIdentified: 53 },
    'Helix Sequencing organisation': { OrganisationCreated: 1 },
    'Helix LIMS system': { SystemRegistered: 1, ThreatModelAddedToSystem: 1, SystemShared: 1 },
    'Helix LIMS model': { ThreatModelCreated: 1, ThreatIdentified: 4, MitigationPlanned: 1 },
  });
  const genomeWellAccount = copies.accounts[DEMO_ACCOUNT_EMAIL] ?? [];
  const vendorAccount = copies.accounts[VENDOR_DEMO_ACCOUNT_EMAIL] ?? [];
  expect(genomeWellAccount).toHaveLength(1);
  expect(vendorAccount).toHaveLength(1);
  expect(copies.founders).toEqual({
    'GenomeWell organisation': genomeWellAccount,
    'Helix Sequencing organisation': vendorAccount,
  });
}

interface DemoEvent {
  streamId: string;
  type: string;
  data: unknown;
}

/**
 * Reads the committed events straight from the table: readAll stops below the
 * oldest transaction still open anywhere on the cluster, which a shared test
 * PostgreSQL (or the server's own background work) can hold back.
 */
async function demoEvents(database: DatabaseService): Promise<DemoEvent[]> {
  const { rows } = await sql<DemoEvent>`
    select stream_id as "streamId", type, data from events
    where stream_id in (${sql.join(Object.values(demoStreams))}) or type = 'UserRegistered'
    order by position
  `.execute(database.db);
  return rows;
}

async function demoCopies(database: DatabaseService): Promise<DemoCopies> {
  const events = await demoEvents(database);
  const streams = Object.fromEntries(
    Object.entries(demoStreams).map(([name, streamId]) => {
      const types: Record<string, number> = {};
      for (const event of events.filter((candidate) => candidate.streamId === streamId)) {
        types[event.type] = (types[event.type] ?? 0) + 1;
      }
      return [name, types];
    }),
  ) as DemoCopies['streams'];
  const accounts: Record<string, string[]> = {};
  for (const event of events.filter((candidate) => candidate.type === 'UserRegistered')) {
    const { userId, email } = event.data as { userId: string; email: string };
    if (email === DEMO_ACCOUNT_EMAIL || email === VENDOR_DEMO_ACCOUNT_EMAIL) {
      accounts[email] = [...(accounts[email] ?? []), userId];
    }
  }
  const founders: Record<string, string[]> = {};
  for (const name of ['GenomeWell organisation', 'Helix Sequencing organisation'] as const) {
    founders[name] = events
      .filter((event) => event.streamId === demoStreams[name])
      .filter((event) => event.type === 'OrganisationCreated')
      .map((event) => (event.data as { founder: { userId: string } }).founder.userId);
  }
  return { streams, accounts, founders };
}

/** Boots a server with the demo on, reads what it holds of the demo, and stops it. */
async function bootAndCount(database: TestDatabase): Promise<DemoCopies> {
  const server = await startApiServer(database, DEMO_ENV);
  try {
    return await demoCopies(server.database);
  } finally {
    await server.stop();
  }
}

describe('a second start on the same PGlite data directory', () => {
  let dataDir: string;
  let first: DemoCopies;
  let second: DemoCopies;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'threatloom-demo-'));
    first = await bootAndCount({ kind: 'pglite', dataDir });
    second = await bootAndCount({ kind: 'pglite', dataDir });
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('seeds both organisations, their systems, models and accounts on the first start', () => {
    expectOneCopy(first);
  });

  it('seeds nothing twice on the second start', () => {
    expect(second).toEqual(first);
  });
});

describe.skipIf(!isPostgresAvailable)('a second start on the same PostgreSQL database', () => {
  let fixture: PostgresFixture;
  let first: DemoCopies;
  let second: DemoCopies;

  beforeAll(async () => {
    fixture = await createPostgresFixture();
    first = await bootAndCount({ kind: 'postgres', fixture });
    second = await bootAndCount({ kind: 'postgres', fixture });
  });
  afterAll(async () => fixture?.drop());

  it('seeds both organisations, their systems, models and accounts on the first start', () => {
    expectOneCopy(first);
  });

  it('seeds nothing twice on the second start', () => {
    expect(second).toEqual(first);
  });
});

describe('two demo seedings at once on one PGlite database', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' });
  });
  afterAll(async () => server?.close());

  it('leave exactly one copy of the demo', async () => {
    const eventStore = server.database.eventStore;
    // What one server's start does, with its own account memo, as a second process would have.
    const seedAsOneServer = async () => {
      const accounts = new DemoAccounts(server.app.get(AccountService), 'threatloom-demo');
      const genomeWell = await accounts.ensure(DEMO_ACCOUNT_EMAIL);
      const vendor = await accounts.ensure(VENDOR_DEMO_ACCOUNT_EMAIL);
      await seedGenomeWell(eventStore);
      await seedHelixLims(eventStore);
      return seedDemoTenancy(eventStore, {
        genomeWell: { userId: genomeWell.id, email: genomeWell.email },
        vendor: { userId: vendor.id, email: vendor.email },
      });
    };
    const outcomes = await Promise.all([seedAsOneServer(), seedAsOneServer()]);
    expect(outcomes.map((outcome) => outcome.vendor).sort()).toEqual(['already-present', 'seeded']);
    expectOneCopy(await demoCopies(server.database));
  });
});

describe.skipIf(!isPostgresAvailable)(
  'two servers starting at once on one PostgreSQL database',
  () => {
    let fixture: PostgresFixture;
    let copies: DemoCopies;

    beforeAll(async () => {
      fixture = await createPostgresFixture();
      // Migrated first, as a deployment does before scaling out: the race under test is the seeding.
      await (await startApiServer({ kind: 'postgres', fixture })).stop();
      const servers = await Promise.all([
        startApiServer({ kind: 'postgres', fixture }, DEMO_ENV),
        startApiServer({ kind: 'postgres', fixture }, DEMO_ENV),
      ]);
      try {
        copies = await demoCopies(servers[0].database);
      } finally {
        for (const server of servers) await server.stop();
      }
    });
    afterAll(async () => fixture?.drop());

    it('leave exactly one copy of the demo, founded by the one stored account per email', () => {
      expectOneCopy(copies);
    });
  },
);
