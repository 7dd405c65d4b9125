/**
 * Co-editing benchmarks of `/collab/:modelId`, against PostgreSQL, with the
 * server in its own process (node dist/main.js) as in production:
 *
 * - `collab.latency.p50`, `collab.latency.p99`: ms from an edit on one client
 *   until another client sees it, 50 clients on one model each renaming its
 *   own element 5 times a second for 30 s, the clients in a process of their
 *   own (collab/load.ts); baseline: the same load against the stock
 *   @y/websocket-server (collab/plain-server.ts, also its own process). Ours
 *   and the plain server alternate three times; each reports its median run
 *   (by p99).
 * - `collab.apply.history`: median ms from an edit until the server's "saved"
 *   state vector covers it, on a model of 50,000 events; baseline: the same on
 *   a model of 100 events (same state: one zone, 20 elements). Includes the
 *   server's persist window (collabLimits.persistWindowMs).
 * - `collab.rss.100docs`: the server's resident memory with 100 models of
 *   1,000 elements open, one client on each.
 *
 * Writes bench/results/collab.partial.json.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CommandContext } from '@threatloom/domain';
import {
  EventStore,
  migrateToLatest,
  openDatabase,
  type EventStoreTables,
} from '@threatloom/eventstore';
import { sql, type Kysely } from 'kysely';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  runAdminStatement,
} from '@threatloom/testkit';
import { findRepoRoot } from '../src/config/repo-root.js';
import { collabLimits } from '../src/collab/collab-limits.js';
import { allMigrations } from '../src/database/database.service.js';
import {
  collabClient,
  isSaved,
  synced,
  type CollabClient,
} from '../test/collab/support/collab-client.js';
import { createModelOwner, type ModelOwner } from '../test/support/model-owner.js';
import { createEditorTokens } from './collab/editors.js';
import type { LoadJob, LoadResult } from './collab/load.js';
import { appendModel, elementId, elementModelEvents } from './collab/model-events.js';
import {
  logProblems,
  randomPort,
  residentMemory,
  startLoad,
  startOurServer,
  startPlainServer,
  waitForHttp,
  type BenchProcess,
} from './collab/processes.js';
import { percentile } from './latency.js';
import { cpuSample, type CpuSample } from './process-cpu.js';

const CLIENTS = 50;
const EDITS_PER_SECOND = 5;
const WARMUP_MS = 3_000;
const DURATION_MS = 30_000;
/** COLLAB_BENCH_ROUNDS=1 for a quick look; the figures we report use 3. */
const ROUNDS = Number(process.env['COLLAB_BENCH_ROUNDS'] ?? '3');
/**
 * COLLAB_BENCH_ONLY=latency,history,memory (any of them) runs only those parts,
 * to look at one quickly; no result file is written then.
 */
const ONLY = new Set(
  (process.env['COLLAB_BENCH_ONLY'] ?? 'latency,history,memory')
    .split(',')
    .map((part) => part.trim()),
);
const included = (part: 'latency' | 'history' | 'memory') => ONLY.has(part);

const HISTORY_ELEMENTS = 20;
const HISTORY_EVENTS = 50_000;
const HISTORY_BASELINE_EVENTS = 100;
const HISTORY_EDITS = 100;
const HISTORY_WARMUP_EDITS = 5;

const RSS_MODELS = 100;
const RSS_ELEMENTS = 1_000;
const RSS_SETTLE_MS = 5_000;

/** After a latency run, how long our server gets to save every edit, and then to exit. */
const SAVE_WAIT_MS = 5_000;
// A CPU profile is written only at a clean exit: give the server the time it needs then.
const STOP_GRACE_MS = process.env['BENCH_CPU_PROFILE'] ? 300_000 : 5_000;

const round = (value: number) => Math.round(value * 100) / 100;
const startedAt = performance.now();
/** Prints progress, with the seconds since the benchmark started. */
const say = (message: string) =>
  console.log(`[collab +${Math.round((performance.now() - startedAt) / 1000)}s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Database {
  name: string;
  /** The app's login role (row-level security applies). */
  appUrl: string;
  /** The owner, for migrations. */
  ownerUrl: string;
}

/** The benchmark database, connected as its owner. */
type OwnerDb = Kysely<EventStoreTables>;

interface RunningServer {
  process: BenchProcess;
  url: string;
}

/** The machine's load average: other work on it skews every figure. */
function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function startOurs(database: Database): Promise<RunningServer> {
  const port = randomPort();
  const server = startOurServer({
    port,
    databaseUrl: database.appUrl,
    migrationUrl: database.ownerUrl,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health/ready`, server);
  return { process: server, url };
}

async function startPlain(): Promise<RunningServer> {
  const port = randomPort();
  const server = startPlainServer(port);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, server);
  return { process: server, url };
}

/**
 * Stops a server (SIGTERM; SIGKILL after `graceMs`); anything it logged at
 * warn or above is printed and returned. Our server stores what it still
 * holds before it exits, which can take long after a heavy run.
 */
async function stop(
  server: RunningServer,
  label: string,
  graceMs = 120_000,
): Promise<{ problems: string[]; killed: boolean; ms: number }> {
  const { exit, killed, ms } = await server.process.stop(graceMs);
  const problems = logProblems(server.process);
  if (problems.length > 0) {
    say(`${label}: ${problems.length} log line(s) at warn or above (${server.process.logFile}):`);
    for (const line of problems.slice(0, 20)) console.log(`  ${line.slice(0, 500)}`);
  }
  if (killed) {
    say(`PROBLEM: ${label} had not exited ${graceMs} ms after SIGTERM, and was killed`);
  } else if (exit !== 0 && exit !== 'SIGTERM') {
    say(`PROBLEM: ${label} exited with ${exit} (${server.process.logFile})`);
  }
  return { problems, killed, ms };
}

/** Waits until every projection has applied every stored event (`/metrics`). */
async function projectionsCaughtUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const lags = [...text.matchAll(/^projection_lag_events\{projection="([^"]+)"\} (\d+)/gm)].map(
      (match) => ({ projection: match[1], lag: Number(match[2]) }),
    );
    const behind = lags.filter(({ lag }) => lag > 0);
    if (lags.length > 0 && behind.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`projections still behind: ${JSON.stringify(behind)}`);
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      say(`waiting for the projections: ${JSON.stringify(behind)}`);
    }
    await sleep(500);
  }
}

interface Setup {
  tokens: string[];
  latencyModels: string[];
  historyModel: string;
  historyBaselineModel: string;
  rssModels: string[];
}

/**
 * Moves every projection's checkpoint to the event store's head, with the
 * server stopped: the read models then skip what was appended since. The
 * co-editing path reads model streams, not read models (which only need each
 * model's creation, for access checks), and the projections apply one event
 * per transaction, about a hundred a second on this machine: the 150,000
 * events of the benchmark models would take half an hour. So each run starts
 * with the projections caught up, as on a server that was not just loaded
 * with a backlog, and the events a run appends are projected during it.
 * Returns how many events were skipped.
 */
async function skipProjectionBacklog(owner: OwnerDb, store: EventStore): Promise<number> {
  const head = await store.commitHead();
  if (head === undefined) return 0;
  const { rows } = await sql<{ behind: string | number }>`
    select coalesce(max(${head.position} - position), 0) as behind from projection_checkpoints
  `.execute(owner);
  await sql`
    update projection_checkpoints
    set transaction_id = ${head.transactionId}, position = ${head.position}, updated_at = now()
  `.execute(owner);
  return Number(rows[0]?.behind ?? 0);
}

/**
 * The organisation, its 50 editors and their tokens (through GraphQL), and
 * every benchmark model, appended straight to the event store: each model's
 * creation while the server runs (so the read models know it, for access
 * checks), the rest of its events once it stopped.
 */
async function prepare(database: Database, owner: OwnerDb, store: EventStore): Promise<Setup> {
  const server = await startOurs(database);
  const rest: Array<() => Promise<void>> = [];
  let setup: Setup;
  try {
    const modelOwner: ModelOwner = await createModelOwner({ url: server.url });
    const started = performance.now();
    const tokens = await createEditorTokens(server.url, modelOwner, CLIENTS);
    say(
      `${tokens.length} editors with API tokens in ${Math.round(performance.now() - started)} ms`,
    );
    const context: CommandContext = {
      actor: { userId: 'benchmark', organisationId: modelOwner.organisationId, roles: ['admin'] },
      now: new Date().toISOString(),
    };
    const model = async (options: { elements: number; totalEvents?: number }) => {
      const modelId = randomUUID();
      const { events, header } = elementModelEvents(modelId, modelOwner.systemId, options, context);
      const organisation = modelOwner.organisationId;
      const version = await appendModel(store, modelId, events.slice(0, header), organisation);
      rest.push(async () => {
        await appendModel(store, modelId, events.slice(header), organisation, version);
      });
      return modelId;
    };
    setup = {
      tokens,
      latencyModels: [],
      historyModel: await model({ elements: HISTORY_ELEMENTS, totalEvents: HISTORY_EVENTS }),
      historyBaselineModel: await model({
        elements: HISTORY_ELEMENTS,
        totalEvents: HISTORY_BASELINE_EVENTS,
      }),
      rssModels: [],
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      setup.latencyModels.push(await model({ elements: CLIENTS }));
    }
    for (let index = 0; index < (included('memory') ? RSS_MODELS : 0); index += 1) {
      setup.rssModels.push(await model({ elements: RSS_ELEMENTS }));
    }
    await projectionsCaughtUp(server.url, 300_000);
  } finally {
    await stop(server, 'our server (setup)');
  }
  const appendStarted = performance.now();
  // A few models at a time: each append waits on PostgreSQL's round trips.
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let append = rest.shift(); append !== undefined; append = rest.shift()) await append();
    }),
  );
  const skipped = await skipProjectionBacklog(owner, store);
  say(
    `appended the models in ${Math.round(performance.now() - appendStarted)} ms; ` +
      `the read models skip ${skipped} of their events`,
  );
  return setup;
}

interface LatencyRun {
  result: LoadResult;
  /** Events the server appended during the run (model and doc streams). */
  events: number;
  /** CPU ms per measured edit: the server, and PostgreSQL (ours only). */
  serverCpuPerEdit: number;
  postgresCpuPerEdit: number | null;
  problems: number;
  /** How long the server took to exit after SIGTERM, and whether it had to be killed. */
  stop: { killed: boolean; ms: number };
}

async function latencyRun(
  server: RunningServer,
  job: Omit<LoadJob, 'url' | 'resultFile'>,
  databaseName: string | null,
): Promise<Omit<LatencyRun, 'problems' | 'events' | 'stop'>> {
  const resultFile = join(tmpdir(), `threatloom-bench-load-${randomUUID()}.json`);
  say(`load average before the run: ${loadAverage()}`);
  const before = cpuSample(server.process.pid, databaseName ?? '-');
  const load = startLoad({ ...job, url: server.url, resultFile } satisfies LoadJob);
  const exit = await load.exited;
  const after = cpuSample(server.process.pid, databaseName ?? '-');
  if (exit !== 0) throw new Error(`the client-load process exited with ${exit} (${load.logFile})`);
  const result = JSON.parse(await readFile(resultFile, 'utf8')) as LoadResult;
  // The whole run (connecting, warm-up, draining), per measured edit: a ratio, not an absolute.
  const per = (key: keyof CpuSample) =>
    before === null || after === null ? null : round((after[key] - before[key]) / result.edits);
  return {
    result,
    serverCpuPerEdit: per('server') ?? 0,
    postgresCpuPerEdit: databaseName === null ? null : per('postgres'),
  };
}

function describeRun(label: string, run: LatencyRun): string {
  const { result } = run;
  return (
    `${label}: p50 ${result.latency.p50} ms, p90 ${result.latency.p90}, p99 ${result.latency.p99}, ` +
    `p99.9 ${result.latency.p999}, max ${result.latency.max}; ${result.samples}/${result.expectedSamples} samples, ` +
    `${result.missed} missed, ${result.regressions} regressions, ${result.disconnects} disconnects, ` +
    `${result.closes.length} closes, ${result.denied.length} denied; send rate ${result.sendRate}/s; ` +
    `CPU per edit: server ${run.serverCpuPerEdit} ms` +
    (run.postgresCpuPerEdit === null
      ? ''
      : run.postgresCpuPerEdit < 0
        ? ', PostgreSQL unknown (a backend ended during the run, taking its CPU time with it)'
        : `, PostgreSQL ${run.postgresCpuPerEdit} ms`) +
    `, clients ${round(result.clientCpuMs / result.edits)} ms; ${run.problems} server log problem(s)` +
    (run.events > 0 ? `; ${run.events} events appended` : '') +
    (result.saved === null
      ? ''
      : `; unsaved edits when the last was seen: ${result.saved.unsavedAtEnd}, ` +
        (result.saved.savedAfterMs === null
          ? `still ${result.saved.unsavedAfterWait} ${SAVE_WAIT_MS} ms later`
          : `all saved ${result.saved.savedAfterMs} ms after the last edit`)) +
    `; exited ${run.stop.ms} ms after SIGTERM${run.stop.killed ? ' (killed)' : ''}`
  );
}

function failures(run: LatencyRun): string[] {
  const { result } = run;
  const seen = [
    result.closes.length > 0 ? `closes ${JSON.stringify(result.closes.slice(0, 5))}` : '',
    result.denied.length > 0 ? `denied ${JSON.stringify(result.denied.slice(0, 5))}` : '',
    result.disconnects > 0 ? `${result.disconnects} disconnects` : '',
    result.missed > 0 ? `${result.missed} edits not seen` : '',
    result.saved !== null && result.saved.savedAfterMs === null
      ? `${result.saved.unsavedAfterWait} edits still not saved ${SAVE_WAIT_MS} ms after the run`
      : '',
    run.stop.killed ? `the server had not exited ${STOP_GRACE_MS} ms after SIGTERM` : '',
    run.problems > 0 ? `${run.problems} server log lines at warn or above` : '',
  ];
  return seen.filter((line) => line !== '');
}

/** The run whose p99 is the median of the runs. */
function medianRun(runs: LatencyRun[]): LatencyRun {
  const sorted = [...runs].sort((a, b) => a.result.latency.p99 - b.result.latency.p99);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function latencyBenchmark(
  database: Database,
  owner: OwnerDb,
  store: EventStore,
  setup: Setup,
) {
  const ours: LatencyRun[] = [];
  const plain: LatencyRun[] = [];
  const job = {
    tokens: setup.tokens,
    editsPerSecond: EDITS_PER_SECOND,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const headBefore = await store.headPosition();
    const ourServer = await startOurs(database);
    let ourStop: Awaited<ReturnType<typeof stop>>;
    let measured: Omit<LatencyRun, 'problems' | 'events' | 'stop'>;
    try {
      measured = await latencyRun(
        ourServer,
        { ...job, modelId: setup.latencyModels[round]!, seed: false, saveWaitMs: SAVE_WAIT_MS },
        database.name,
      );
    } finally {
      ourStop = await stop(ourServer, `our server (latency round ${round + 1})`, STOP_GRACE_MS);
    }
    // After the server stopped: it stores what it still held when the clients left.
    const events = (await store.headPosition()) - headBefore;
    ours.push({
      ...measured,
      events,
      problems: ourStop.problems.length,
      stop: { killed: ourStop.killed, ms: ourStop.ms },
    });
    const behind = await skipProjectionBacklog(owner, store);
    say(
      `${describeRun(`ours, round ${round + 1}`, ours.at(-1)!)}; the read models were ${behind} events behind at the end`,
    );

    const plainServer = await startPlain();
    let plainStop: Awaited<ReturnType<typeof stop>>;
    let baseline: Omit<LatencyRun, 'problems' | 'events' | 'stop'>;
    try {
      baseline = await latencyRun(
        plainServer,
        { ...job, modelId: randomUUID(), seed: true, saveWaitMs: 0 },
        null,
      );
    } finally {
      plainStop = await stop(plainServer, `plain server (latency round ${round + 1})`);
    }
    plain.push({
      ...baseline,
      events: 0,
      problems: plainStop.problems.length,
      stop: { killed: plainStop.killed, ms: plainStop.ms },
    });
    say(`${describeRun(`plain, round ${round + 1}`, plain.at(-1)!)}`);
  }
  for (const [label, runs] of [
    ['ours', ours],
    ['plain', plain],
  ] as const) {
    runs.forEach((run, index) => {
      const seen = failures(run);
      if (seen.length > 0) {
        say(`PROBLEM in ${label} round ${index + 1}: ${seen.join('; ')}`);
      }
    });
  }
  return { ours: medianRun(ours), plain: medianRun(plain), allOurs: ours, allPlain: plain };
}

/** Resolves once the server's "saved" state covers everything the client wrote. */
function whenSaved(client: CollabClient, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const awareness = client.provider.awareness;
    const check = () => {
      if (!isSaved(client)) return;
      clearTimeout(timer);
      awareness.off('update', check);
      resolve();
    };
    const timer = setTimeout(() => {
      awareness.off('update', check);
      reject(new Error(`the edit was not saved within ${timeoutMs} ms`));
    }, timeoutMs);
    awareness.on('update', check);
    check();
  });
}

async function historyBenchmark(
  database: Database,
  owner: OwnerDb,
  store: EventStore,
  setup: Setup,
) {
  const server = await startOurs(database);
  const clients: CollabClient[] = [];
  try {
    const open = async (modelId: string) => {
      const started = performance.now();
      const client = collabClient(server.url, modelId, { token: setup.tokens[0]! });
      clients.push(client);
      await synced(client, 120_000);
      const syncMs = performance.now() - started;
      await whenSaved(client);
      return { client, syncMs };
    };
    const large = await open(setup.historyModel);
    const small = await open(setup.historyBaselineModel);
    say(
      `opened the ${HISTORY_EVENTS}-event model in ${Math.round(large.syncMs)} ms, ` +
        `the ${HISTORY_BASELINE_EVENTS}-event one in ${Math.round(small.syncMs)} ms (until synced)`,
    );
    const timings = { large: [] as number[], small: [] as number[] };
    // Alternating the two models, one edit at a time, spreads any drift over both.
    for (let edit = 0; edit < HISTORY_WARMUP_EDITS + HISTORY_EDITS; edit += 1) {
      for (const [key, { client }] of [
        ['large', large],
        ['small', small],
      ] as const) {
        const started = performance.now();
        client.edit.update('elements', elementId(edit % HISTORY_ELEMENTS), {
          name: `Renamed in edit ${edit}`,
        });
        await whenSaved(client);
        if (edit >= HISTORY_WARMUP_EDITS) timings[key].push(performance.now() - started);
      }
    }
    const denied = clients.flatMap((client) => client.denied);
    const closes = clients.flatMap((client) => client.closes);
    if (denied.length > 0 || closes.length > 0) {
      say(
        `PROBLEM in the history benchmark: denied ${JSON.stringify(denied)}, closes ${JSON.stringify(closes)}`,
      );
    }
    const summary = (samples: number[]) => ({
      p50: round(percentile(samples, 50)),
      p90: round(percentile(samples, 90)),
      p99: round(percentile(samples, 99)),
      max: round(Math.max(...samples)),
    });
    return { large: summary(timings.large), small: summary(timings.small) };
  } finally {
    for (const client of clients) client.destroy();
    await stop(server, 'our server (history)');
    await skipProjectionBacklog(owner, store);
  }
}

/** The V8 heap and external memory the server reports on /metrics, in MB. */
async function heapFigures(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const figures: Record<string, number> = {};
  for (const name of [
    'nodejs_heap_size_used_bytes',
    'nodejs_heap_size_total_bytes',
    'nodejs_external_memory_bytes',
  ]) {
    const match = new RegExp(`^${name} (\\S+)`, 'm').exec(text);
    if (match?.[1] !== undefined)
      figures[name.replace(/^nodejs_|_bytes$/g, '')] = round(Number(match[1]) / 1024 / 1024);
  }
  for (const match of text.matchAll(
    /^nodejs_heap_space_size_used_bytes\{space="([^"]+)"\} (\S+)/gm,
  )) {
    figures[`used.${match[1]}`] = round(Number(match[2]) / 1024 / 1024);
  }
  return figures;
}

async function memoryBenchmark(database: Database, setup: Setup) {
  const server = await startOurs(database);
  const clients: CollabClient[] = [];
  try {
    await sleep(2_000);
    const idle = residentMemory(server.process.pid);
    const started = performance.now();
    // All at once: each model is opened by one client.
    for (const [index, modelId] of setup.rssModels.entries()) {
      clients.push(
        collabClient(server.url, modelId, { token: setup.tokens[index % setup.tokens.length]! }),
      );
    }
    await Promise.all(clients.map((client) => synced(client, 300_000)));
    const syncMs = performance.now() - started;
    // The server writes each model into its doc when it opens it and stores that: wait for it.
    await Promise.all(clients.map((client) => whenSaved(client, 300_000)));
    for (const client of clients) {
      const elements = client.edit.ids('elements').length;
      if (elements !== RSS_ELEMENTS) throw new Error(`a doc holds ${elements} elements`);
    }
    const savedMs = performance.now() - started;
    await sleep(RSS_SETTLE_MS);
    const open = residentMemory(server.process.pid);
    say(`server memory by kind (MB): ${JSON.stringify(await heapFigures(server.url))}`);
    const closes = clients.flatMap((client) => client.closes);
    if (closes.length > 0) {
      say(`PROBLEM in the memory benchmark: closes ${JSON.stringify(closes)}`);
    }
    say(
      `${RSS_MODELS} models of ${RSS_ELEMENTS} elements: synced in ${Math.round(syncMs)} ms, ` +
        `saved in ${Math.round(savedMs)} ms; server RSS ${round(open.rssMb)} MB ` +
        `(idle ${round(idle.rssMb)} MB, peak ${round(open.peakMb)} MB)`,
    );
    return { idleMb: round(idle.rssMb), openMb: round(open.rssMb), peakMb: round(open.peakMb) };
  } finally {
    for (const client of clients) client.destroy();
    await stop(server, 'our server (memory)');
  }
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // Each provider listens for this process's exit.
  process.setMaxListeners(RSS_MODELS + 10);
  const created = await createPostgresTestDatabase();
  await runAdminStatement(
    `DO $$ BEGIN CREATE ROLE threatloom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
  const owner = await openDatabase({ url: created.url });
  await migrateToLatest(owner.db, allMigrations());
  const role = await createAppLoginRole(created.name);
  const database: Database = { name: created.name, appUrl: role.url, ownerUrl: created.url };
  const store = new EventStore(owner);
  try {
    const setup = await prepare(database, owner.db, store);
    if (ONLY.size < 3) {
      if (included('latency')) await latencyBenchmark(database, owner.db, store, setup);
      if (included('history'))
        say(
          `history (ms): ${JSON.stringify(await historyBenchmark(database, owner.db, store, setup))}`,
        );
      if (included('memory')) await memoryBenchmark(database, setup);
      say('COLLAB_BENCH_ONLY is set: no result file written');
      return;
    }
    const latency = await latencyBenchmark(database, owner.db, store, setup);
    const history = await historyBenchmark(database, owner.db, store, setup);
    const memory = await memoryBenchmark(database, setup);

    const ours = latency.ours.result.latency;
    const plain = latency.plain.result.latency;
    const runs = (selected: 'p50' | 'p99') => ({
      ours: latency.allOurs.map((run) => run.result.latency[selected]),
      plain: latency.allPlain.map((run) => run.result.latency[selected]),
    });
    const metrics = {
      'collab.latency.p50': {
        value: ours.p50,
        unit: 'ms',
        baseline: plain.p50,
        ratio: round(ours.p50 / plain.p50),
        runs: runs('p50'),
      },
      'collab.latency.p99': {
        value: ours.p99,
        unit: 'ms',
        baseline: plain.p99,
        ratio: round(ours.p99 / plain.p99),
        target: 'ratio <= 1.2',
        runs: runs('p99'),
      },
      'collab.apply.history': {
        value: history.large.p50,
        unit: 'ms',
        baseline: history.small.p50,
        ratio: round(history.large.p50 / history.small.p50),
        target: 'ratio <= 1.5',
      },
      'collab.apply.history.beyond_window': {
        value: round(history.large.p50 - collabLimits.persistWindowMs),
        unit: 'ms',
        baseline: round(history.small.p50 - collabLimits.persistWindowMs),
        ratio: round(
          (history.large.p50 - collabLimits.persistWindowMs) /
            (history.small.p50 - collabLimits.persistWindowMs),
        ),
      },
      'collab.rss.100docs': { value: memory.openMb, unit: 'MB', target: '< 600 MB' },
      'collab.rss.idle': { value: memory.idleMb, unit: 'MB' },
    };
    say(`history (ms): ${JSON.stringify(history)}`);
    const resultFile = join(findRepoRoot(), 'bench', 'results', 'collab.partial.json');
    await mkdir(dirname(resultFile), { recursive: true });
    await writeFile(resultFile, `${JSON.stringify({ metrics }, null, 2)}\n`);
    console.log(JSON.stringify(metrics, null, 2));
    console.log(
      `wrote ${resultFile} after ${Math.round((performance.now() - benchStarted) / 1000)} s`,
    );
  } finally {
    await store.close();
    await owner.close();
    await created.drop();
    await role.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
