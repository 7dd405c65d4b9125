import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { WITHOUT_WEB_BUILD } from './support/web-build.js';

const databases = await testBackends();

describe.each(databases)(
  'a server booted on an empty $name database',
  ({ isAvailable, create }) => {
    let server: ApiServer;

    beforeAll(async () => {
      if (!isAvailable) return;
      server = await startApiServer(await create(), WITHOUT_WEB_BUILD);
    });

    afterAll(async () => {
      await server?.close();
    });

    it.skipIf(!isAvailable)(
      'reports the database reachable and the event store head position',
      async () => {
        const response = await fetch(`${server.url}/health`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body).toMatchObject({
          status: 'ok',
          database: { reachable: true },
          eventStore: { headPosition: 0 },
        });
      },
    );

    it.skipIf(!isAvailable)(
      'sends a browser at / to the GraphQL IDE without a web app build',
      async () => {
        const response = await fetch(`${server.url}/`, {
          headers: { accept: 'text/html' },
          redirect: 'manual',
        });
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toBe('/graphiql');
      },
    );

    it.skipIf(!isAvailable)('answers / with an index of endpoints for other clients', async () => {
      const response = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        name: 'Threatloom',
        endpoints: {
          web: null,
          graphql: '/graphql',
          graphiql: '/graphiql',
          health: '/health',
          metrics: '/metrics',
        },
      });
    });

    it.skipIf(!isAvailable)('creates the event store and read-model tables', async () => {
      const { rows } = await sql<{ table: string | null }>`
      select to_regclass(name)::text as table
      from unnest(array['events', 'projection_checkpoints', 'rm_models', 'rm_threats']) as name
    `.execute(server.database.db);
      expect(rows.map((row) => row.table)).toEqual([
        'events',
        'projection_checkpoints',
        'rm_models',
        'rm_threats',
      ]);
    });

    it.skipIf(!isAvailable)(
      'serves requests as a non-superuser member of threatloom_app',
      async () => {
        const { rows } = await sql<{ isMember: boolean; isSuperuser: boolean }>`
      select pg_has_role(current_user, 'threatloom_app', 'member') as "isMember",
             (select rolsuper from pg_roles where rolname = current_user) as "isSuperuser"
    `.execute(server.database.db);
        expect(rows[0]).toEqual({ isMember: true, isSuperuser: false });
      },
    );

    it.skipIf(!isAvailable)(
      'keeps the migration bookkeeping out of reach of the runtime role',
      async () => {
        await expect(
          sql`select name from kysely_migration`.execute(server.database.db),
        ).rejects.toThrow(/permission denied/);
      },
    );

    it.skipIf(!isAvailable)('answers liveness and readiness probes', async () => {
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    });

    it.skipIf(!isAvailable)('answers GraphQL queries at /graphql', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it.skipIf(!isAvailable)(
      'counts and times HTTP requests and GraphQL operations in /metrics',
      async () => {
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        expect(metrics).toMatch(
          /^http_requests_total\{method="POST",route="\/graphql",status_code="200"\} [1-9]/m,
        );
        expect(metrics).toMatch(
          /^http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\} [1-9]/m,
        );
        expect(metrics).toMatch(
          /^graphql_operations_total\{operation_type="query",outcome="ok"\} [1-9]/m,
        );
        expect(metrics).toMatch(/^eventstore_append_duration_seconds_count \d+$/m);
      },
    );

    it.skipIf(!isAvailable)('echoes the request id it logs in x-request-id', async () => {
      const response = await fetch(`${server.url}/health/live`, {
        headers: { 'x-request-id': 'trace-123' },
      });
      expect(response.headers.get('x-request-id')).toBe('trace-123');
    });
  },
);
