import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  requirePostgres,
  runAdminStatement,
  type AppLoginRole,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.schema.js';
import { DatabaseService } from '../../src/database/database.service.js';

/** A real API server on 127.0.0.1 at a random port. */
export interface ApiServer {
  url: string;
  app: NestFastifyApplication;
  database: DatabaseService;
  /** Stops the server; keeps the database (for second-boot tests). */
  stop(): Promise<void>;
  /** Stops the server and drops what the run created. */
  close(): Promise<void>;
}

/** A PostgreSQL database for one test file, with the app login role the server runs as. */
export interface PostgresFixture {
  ownerUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database and a non-superuser login role in threatloom_app,
 * so the server runs with the same privileges as in production.
 */
export async function createPostgresFixture(): Promise<PostgresFixture> {
  const database: PostgresTestDatabase = await createPostgresTestDatabase();
  // The group role is cluster-wide and may not exist yet on a fresh cluster.
  await runAdminStatement(
    `DO $$ BEGIN CREATE ROLE threatloom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
  const role: AppLoginRole = await createAppLoginRole(database.name);
  return {
    ownerUrl: database.url,
    appUrl: role.url,
    async drop() {
      await database.drop();
      await role.drop();
    },
  };
}

/** Where a test server keeps its data. */
export type TestDatabase =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; fixture: PostgresFixture };

/** One backend a suite runs against; `isAvailable` is false when PostgreSQL is unreachable outside CI. */
export interface TestBackend {
  name: 'PGlite' | 'PostgreSQL';
  isAvailable: boolean;
  create: () => Promise<TestDatabase>;
}

/** In-memory PGlite and a fresh PostgreSQL database: the backends every server suite runs on. */
export async function testBackends(): Promise<TestBackend[]> {
  const isPostgresAvailable = await requirePostgres();
  return [
    {
      name: 'PGlite',
      isAvailable: true,
      create: async () => ({ kind: 'pglite', dataDir: 'memory://' }),
    },
    {
      name: 'PostgreSQL',
      isAvailable: isPostgresAvailable,
      create: async () => ({ kind: 'postgres', fixture: await createPostgresFixture() }),
    },
  ];
}

/**
 * The origin test pages present: the server listens on a random port, so the
 * default allowed origins (derived from PORT) cannot name it.
 */
export const TEST_PAGE_ORIGIN = 'http://app.threatloom.test';

/** Boots the whole API (migrations included) and listens on a random loopback port. */
export async function startApiServer(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<ApiServer> {
  const databaseEnv: Record<string, string> =
    database.kind === 'pglite'
      ? { DATA_DIR: database.dataDir }
      : {
          DATABASE_URL: database.fixture.appUrl,
          DATABASE_MIGRATION_URL: database.fixture.ownerUrl,
        };
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ALLOWED_ORIGINS: TEST_PAGE_ORIGIN,
    ...databaseEnv,
    ...env,
  });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let isStopped = false;
  const stop = async () => {
    if (isStopped) return;
    isStopped = true;
    await app.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database: app.get(DatabaseService),
    stop,
    async close() {
      await stop();
      if (database.kind === 'postgres') await database.fixture.drop();
    },
  };
}

/** A GraphQL answer as tests read it. */
export interface GraphQLAnswer<Data = Record<string, unknown>> {
  status: number;
  data: Data | null;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/** Posts one GraphQL operation over real HTTP. */
export async function postGraphQL<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer<Data>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: GraphQLAnswer['errors'] };
  return { status: response.status, data: body.data ?? null, errors: body.errors };
}
