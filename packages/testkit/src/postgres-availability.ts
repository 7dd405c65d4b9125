import pg from 'pg';
import { testDatabaseUrl } from './postgres-url.js';

/** Whether a PostgreSQL server answers at `url` within `timeoutMs`. */
export async function isPostgresReachable(
  url = testDatabaseUrl(),
  timeoutMs = 3000,
): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Decides whether PostgreSQL suites run. Reachable: true. Unreachable on a
 * developer machine: prints an unmistakable banner and returns false, so suites
 * skip (`describe.skipIf(!isAvailable)`). Unreachable with `CI` set: throws, so
 * the suite fails instead of passing without having run.
 */
export async function requirePostgres(url = testDatabaseUrl()): Promise<boolean> {
  if (await isPostgresReachable(url)) return true;
  const where = new URL(url).host;
  if (process.env.CI) {
    throw new Error(
      `PostgreSQL is not reachable at ${where} and CI is set: PostgreSQL suites must run in CI.`,
    );
  }
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!!! PostgreSQL is NOT reachable at ${where}: SKIPPING the PostgreSQL test suites.\n` +
      `!!! Start it (pg_ctlcluster <version> main start) or set TEST_DATABASE_URL.\n${line}\n`,
  );
  return false;
}
