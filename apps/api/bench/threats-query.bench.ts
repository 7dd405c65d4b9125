/**
 * `api.graphql.threats.p95`: p95 latency of a GraphQL query listing 100 threats
 * with scores and mitigations from a model of 2,000 threats, under 16
 * concurrent clients on loopback against PostgreSQL; baseline: the same page
 * read as one SQL query through pg at the same concurrency. The server runs in
 * its own process (node dist/main.js), as in production.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EventStore } from '@threatloom/eventstore';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { findRepoRoot } from '../src/config/repo-root.js';
import { createModelOwner, eventually } from '../test/support/model-owner.js';
import { startBenchServer } from './bench-server.js';
import { largeModelEvents } from './large-model.js';
import { measureLatencies, percentile } from './latency.js';
import { cpuPerRequest, cpuSample } from './process-cpu.js';

const THREATS = 2000;
const PAGE_SIZE = 100;
const CONCURRENCY = 16;
const WARMUP_REQUESTS = 400;
const MEASURED_REQUESTS = 4000;
const APPEND_BATCH = 500;
const SINGLE_CLIENT_REQUESTS = 300;

const THREATS_QUERY = `query ($modelId: ID!, $after: String) {
  threats(modelId: $modelId, first: ${PAGE_SIZE}, after: $after) {
    edges { cursor node {
      id ref title stride status targetId
      score { method vector value severity }
      mitigations { id action owner status dueDate }
      decision { kind rationale }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BASELINE_SQL = `select threat_id, ref, title, stride, status, target_id, score_method, score_vector, score,
  severity, mitigations, decision
from rm_threats where model_id = $1 and (ref, threat_id) > ($2, $3)
order by ref, threat_id limit ${PAGE_SIZE + 1}`;

async function main(): Promise<void> {
  const bench = await startBenchServer();
  const { url, owner } = bench;
  const server = bench.process;
  const database = { name: bench.databaseName, url: bench.ownerUrl };
  const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
  // pool.end() resolves before its sockets have closed; dropping the database then
  // terminates them, which must not crash the run after the results are written.
  pool.on('error', () => undefined);
  // Closed before the database is dropped: its post-commit wake-up may still hold a connection.
  let store: EventStore | undefined;
  let closeHttp: () => Promise<void> = async () => undefined;
  try {
    const user = await createModelOwner({ url });
    const modelId = randomUUID();
    const events = largeModelEvents(modelId, user.systemId, THREATS, {
      actor: { userId: 'benchmark', organisationId: user.organisationId, roles: ['admin'] },
      now: new Date().toISOString(),
    });
    store = new EventStore(owner);
    let version = -1;
    for (let start = 0; start < events.length; start += APPEND_BATCH) {
      const stored = await store.append(
        `model-${modelId}`,
        events.slice(start, start + APPEND_BATCH).map((event) => ({
          ...event,
          metadata: { actor: 'benchmark', organisation: user.organisationId },
        })),
        { expectedVersion: version < 0 ? 'no_stream' : version },
      );
      version = stored.at(-1)?.streamVersion ?? version;
    }
    console.log(`appended ${events.length} events; waiting for the projections`);

    const cursors: (string | null)[] = [null];
    await eventually(async () => {
      const answer = await user.graphql<{ threats: { totalCount: number } }>(
        'query ($modelId: ID!) { threats(modelId: $modelId, first: 1) { totalCount } }',
        { modelId },
      );
      if (answer.data?.threats.totalCount !== THREATS)
        throw new Error(`projected: ${JSON.stringify(answer)}`);
    }, 300_000);
    for (let page = 1; page < THREATS / PAGE_SIZE; page += 1) {
      const answer = await user.graphql<{ threats: { pageInfo: { endCursor: string } } }>(
        THREATS_QUERY,
        {
          modelId,
          after: cursors[page - 1],
        },
      );
      cursors.push(answer.data?.threats.pageInfo.endCursor ?? null);
    }

    // The projection rewrote each threat row several times while the model was
    // loaded; autovacuum would clean up and gather statistics within a minute or
    // so. Doing it now measures that steady state, for both the API and the
    // baseline (without statistics, the baseline's plain query is planned as a
    // bitmap scan and a sort of every later row instead of an index range read).
    await pool.query('vacuum analyze');

    // One keep-alive connection per client, as a browser or service client keeps
    // them: the client's own CPU (it shares the two cores with the server) stays small.
    const http = new HttpPool(url, { connections: CONCURRENCY, pipelining: 1 });
    closeHttp = () => http.close();
    const requestHeaders = { ...user.headers, 'content-type': 'application/json' };
    const graphqlRead = async (index: number) => {
      const response = await http.request({
        path: '/graphql',
        method: 'POST',
        headers: requestHeaders,
        body: JSON.stringify({
          query: THREATS_QUERY,
          variables: { modelId, after: cursors[index % cursors.length] },
        }),
      });
      const answer = (await response.body.json()) as {
        data?: { threats: { edges: unknown[] } } | null;
        errors?: unknown;
      };
      if (response.statusCode !== 200 || answer.data?.threats.edges.length !== PAGE_SIZE)
        throw new Error(`bad page: ${response.statusCode} ${JSON.stringify(answer.errors)}`);
    };
    const sqlRead = async (index: number) => {
      const afterRef = (index % cursors.length) * PAGE_SIZE;
      const result = await pool.query(BASELINE_SQL, [modelId, afterRef, '']);
      if (result.rows.length < PAGE_SIZE) throw new Error('bad baseline page');
    };

    await measureLatencies(graphqlRead, WARMUP_REQUESTS, CONCURRENCY);
    const cpuBefore = cpuSample(server.pid, database.name);
    const graphqlLatencies = await measureLatencies(graphqlRead, MEASURED_REQUESTS, CONCURRENCY);
    const cpu = cpuPerRequest(cpuBefore, cpuSample(server.pid, database.name), MEASURED_REQUESTS);
    await measureLatencies(sqlRead, WARMUP_REQUESTS, CONCURRENCY);
    const sqlLatencies = await measureLatencies(sqlRead, MEASURED_REQUESTS, CONCURRENCY);
    // One client alone: the server's own latency per page, without queueing behind others.
    const singleClientLatencies = await measureLatencies(graphqlRead, SINGLE_CLIENT_REQUESTS, 1);
    const singleClientSqlLatencies = await measureLatencies(sqlRead, SINGLE_CLIENT_REQUESTS, 1);

    const round = (value: number) => Math.round(value * 100) / 100;
    const p95 = round(percentile(graphqlLatencies, 95));
    const p50 = round(percentile(graphqlLatencies, 50));
    const baselineP95 = round(percentile(sqlLatencies, 95));
    const baselineP50 = round(percentile(sqlLatencies, 50));
    const metrics = {
      'api.graphql.threats.p95': {
        value: p95,
        unit: 'ms',
        baseline: baselineP95,
        ratio: round(p95 / baselineP95),
        target: 'p95 < 30 ms',
      },
      'api.graphql.threats.p50': {
        value: p50,
        unit: 'ms',
        baseline: baselineP50,
        ratio: round(p50 / baselineP50),
      },
      'api.graphql.threats.c1.p50': {
        value: round(percentile(singleClientLatencies, 50)),
        unit: 'ms',
        baseline: round(percentile(singleClientSqlLatencies, 50)),
        ratio: round(
          percentile(singleClientLatencies, 50) / percentile(singleClientSqlLatencies, 50),
        ),
      },
    };
    if (cpu !== null) {
      Object.assign(metrics, {
        'api.graphql.threats.cpu.server': { value: cpu.server, unit: 'ms/request' },
        'api.graphql.threats.cpu.postgres': { value: cpu.postgres, unit: 'ms/request' },
        'api.graphql.threats.cpu.client': { value: cpu.client, unit: 'ms/request' },
      });
    }
    console.log(
      `latency percentiles (ms): ${[50, 75, 90, 95, 99, 100]
        .map((p) => `p${p} ${round(percentile(graphqlLatencies, p))}`)
        .join(', ')}`,
    );
    const resultFile = join(findRepoRoot(), 'bench', 'results', 'api.partial.json');
    await mkdir(dirname(resultFile), { recursive: true });
    await writeFile(resultFile, `${JSON.stringify({ metrics }, null, 2)}\n`);
    console.log(JSON.stringify(metrics, null, 2));
    console.log(`wrote ${resultFile}`);
  } finally {
    await closeHttp();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await pool.end();
    await store?.close();
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
