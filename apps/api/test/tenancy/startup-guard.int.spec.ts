import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import {
  createPostgresTestDatabase,
  requirePostgres,
  runAdminStatement,
  withDatabase,
  testDatabaseUrl,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.schema.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { readRuntimeRoleFacts } from '../../src/tenancy/runtime-role-guard.js';

const isPostgresAvailable = await requirePostgres();
const mainScript = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs the built server with `env` until it exits (or 60 s pass); returns its exit code and output. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mainScript], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        SEED_DEMO: 'false',
        PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!isPostgresAvailable)('startup guard on PostgreSQL', () => {
  let postgres: PostgresTestDatabase;
  const bypassRole = `threatloom_bypass_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    postgres = await createPostgresTestDatabase();
    const migrated = await DatabaseService.open({
      url: postgres.url,
      migrationUrl: postgres.url,
      dataDir: 'memory://',
    });
    await migrated.close();
    await runAdminStatement(
      `CREATE ROLE ${pg.escapeIdentifier(bypassRole)} LOGIN NOSUPERUSER BYPASSRLS IN ROLE threatloom_app`,
    );
  });
  afterAll(async () => {
    await postgres?.drop();
    await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(bypassRole)}`);
  });

  it('refuses to start the server as a superuser, saying why, and exits non-zero', async () => {
    const result = await runServer({ DATABASE_URL: postgres.url });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Refusing to start: database role "postgres" is a superuser/);
  });

  it('refuses to start the server as a role with BYPASSRLS', async () => {
    const url = withDatabase(testDatabaseUrl(), postgres.name, bypassRole);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATABASE_URL: url,
      DATABASE_MIGRATION_URL: postgres.url,
    });
    await expect(createApp(config)).rejects.toThrow(/has BYPASSRLS/);
  });
});

describe('runtime role on PGlite', () => {
  it('switches the embedded database to a role that is neither superuser nor BYPASSRLS and owns no table', async () => {
    const database = await DatabaseService.open({
      url: null,
      migrationUrl: null,
      dataDir: 'memory://',
    });
    try {
      const facts = await readRuntimeRoleFacts(database.db as unknown as Kysely<unknown>);
      expect(facts).toEqual({
        roleName: 'threatloom_app',
        isSuperuser: false,
        canBypassRowLevelSecurity: false,
        ownedTableCount: 0,
      });
    } finally {
      await database.close();
    }
  });
});
