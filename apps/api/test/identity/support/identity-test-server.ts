import { createServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  type AppLoginRole,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { createApp } from '../../../src/app.factory.js';
import { loadConfig } from '../../../src/config/config.schema.js';
import { DatabaseService } from '../../../src/database/database.service.js';

/** Which database a test server runs on. */
export type TestDialect = 'pglite' | 'postgres';

/** A real server listening on a random loopback port. */
export interface TestServer {
  baseUrl: string;
  app: NestFastifyApplication;
  database: DatabaseService;
  /** URL of the PostgreSQL test database as its owning superuser (to tamper, as an attacker could); null on PGlite. */
  ownerUrl: string | null;
  close(): Promise<void>;
}

/** Identity settings tests commonly tighten; each becomes an environment variable. */
const defaultIdentityEnv: Record<string, string> = {
  SIGNIN_RATE_LIMIT_PER_ACCOUNT: '5',
  SIGNIN_RATE_LIMIT_PER_ADDRESS: '50',
  SIGNIN_RATE_LIMIT_WINDOW_SECONDS: '900',
  OIDC_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** A port that was free a moment ago, so PUBLIC_URL can name it before the server starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Boots the whole API (every module, migrations included) on an in-memory
 * PGlite or on a fresh PostgreSQL database reached through a non-superuser
 * login role, and listens on 127.0.0.1 at a random port.
 */
export async function startTestServer(
  dialect: TestDialect,
  env: Record<string, string> = {},
): Promise<TestServer> {
  let postgres: PostgresTestDatabase | null = null;
  let role: AppLoginRole | null = null;
  const databaseEnv: Record<string, string> = {};
  if (dialect === 'postgres') {
    postgres = await createPostgresTestDatabase();
    // Migrate as the owner first: the app login role joins threatloom_app, which the migrations create.
    const owner = await DatabaseService.open({
      url: postgres.url,
      migrationUrl: postgres.url,
      dataDir: 'memory://',
    });
    await owner.close();
    role = await createAppLoginRole(postgres.name);
    databaseEnv['DATABASE_URL'] = role.url;
    databaseEnv['DATABASE_MIGRATION_URL'] = postgres.url;
  } else {
    databaseEnv['DATA_DIR'] = 'memory://';
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const identityEnv = { ...defaultIdentityEnv, PUBLIC_URL: baseUrl, ...env };
  const app = await withEnv(identityEnv, async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      SEED_DEMO: 'false',
      PORT: String(port),
      ...databaseEnv,
      ...identityEnv,
    });
    return createApp(config);
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl,
    app,
    database: app.get(DatabaseService),
    ownerUrl: postgres?.url ?? null,
    async close() {
      await app.close();
      await postgres?.drop();
      await role?.drop();
    },
  };
}
