/** Default server for integration tests: the local PostgreSQL with trust authentication. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The administrative URL tests connect to: `TEST_DATABASE_URL` or the local default. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

/** The same server URL pointing at another database and, optionally, another user. */
export function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user !== undefined) {
    parsed.username = user;
    parsed.password = '';
  }
  return parsed.toString();
}
