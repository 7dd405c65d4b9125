/**
 * The client side of the co-editing latency benchmark, in its own process:
 * `clients` stock y-websocket providers on one model, each renaming its own
 * element `editsPerSecond` times a second. Each new name carries the sender's
 * index, a sequence number and the time of the edit (this process's
 * monotonic clock), so every other client that observes the name in its doc
 * records how long the edit took to reach it. Writes a LoadResult as JSON to
 * `resultFile`. Run as `node --import tsx load.ts '<LoadJob as JSON>'`.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import {
  collabClient,
  persistedStateVector,
  synced,
  until,
  type CollabClient,
} from '../../test/collab/support/collab-client.js';
import { percentile } from '../latency.js';
import { BENCH_ZONE_ID, elementId } from './model-events.js';

export interface LoadJob {
  /** http://host:port of the server. */
  url: string;
  modelId: string;
  /** One API token per client (the plain server ignores them). */
  tokens: string[];
  editsPerSecond: number;
  /** Edits of the first `warmupMs` are not measured. */
  warmupMs: number;
  durationMs: number;
  /** Write the zone and the elements into the doc first (the plain server starts empty). */
  seed: boolean;
  /**
   * Whether the server publishes what it saved (ours): then, after the run,
   * wait up to this many ms for it to cover every edit. 0: do not.
   */
  saveWaitMs: number;
  resultFile: string;
}

export interface LoadResult {
  clients: number;
  /** Measured edits sent, all clients together. */
  edits: number;
  /** Latency samples: one per measured edit and other client that saw it. */
  samples: number;
  /** Samples there would be if every other client saw every measured edit. */
  expectedSamples: number;
  /** Edits a client never saw as such (skipped over, or not seen by the end). */
  missed: number;
  /** Times a client's doc went back to an older name of an element. */
  regressions: number;
  /** Milliseconds; nearest-rank percentiles over every sample. */
  latency: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  /** Edits per second actually sent during the measured part. */
  sendRate: number;
  /** Connections lost after the first sync, all clients together. */
  disconnects: number;
  closes: Array<{ client: number; code: number; reason: string }>;
  denied: Array<{ client: number; reason: string }>;
  /** CPU time (user + system, ms) of this process during the measured part. */
  clientCpuMs: number;
  /** ms from creating the providers until every client synced. */
  syncMs: number;
  /**
   * The server's saved state, where it publishes one: edits (Yjs clock
   * units) not yet covered by it when the last edit had reached every client,
   * then ms from the last edit until it covered every edit (null: not within
   * saveWaitMs), and what was still not covered then.
   */
  saved: { unsavedAtEnd: number; savedAfterMs: number | null; unsavedAfterWait: number } | null;
}

const NAME_PREFIX = 'bench:';

const startedAt = performance.now();
/** Prints progress, with the seconds since this process started its work. */
const say = (message: string) =>
  console.log(`[load +${Math.round((performance.now() - startedAt) / 1000)}s] ${message}`);

/** Edits of the clients the server's saved state vector does not cover yet. */
function unsaved(clients: readonly CollabClient[]): number {
  let total = 0;
  for (const client of clients) {
    const persisted = persistedStateVector(client);
    const own = Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0;
    total += Math.max(0, own - (persisted?.get(client.doc.clientID) ?? 0));
  }
  return total;
}

/** How far the server's saving lags behind the edits: see LoadResult.saved. */
async function awaitSaved(
  clients: readonly CollabClient[],
  lastEditAt: number,
  waitMs: number,
): Promise<NonNullable<LoadResult['saved']>> {
  const unsavedAtEnd = unsaved(clients);
  let savedAfterMs: number | null = null;
  await until(() => unsaved(clients) === 0, waitMs, 'the server saves every edit')
    .then(() => (savedAfterMs = Math.round(performance.now() - lastEditAt)))
    .catch(() => undefined);
  const unsavedAfterWait = unsaved(clients);
  say(
    savedAfterMs === null
      ? `the server saved ${unsavedAtEnd - unsavedAfterWait} of ${unsavedAtEnd} unsaved edits in ${waitMs} ms`
      : `the server saved every edit ${savedAfterMs} ms after the last`,
  );
  return { unsavedAtEnd, savedAfterMs, unsavedAfterWait };
}

async function main(job: LoadJob): Promise<void> {
  const count = job.tokens.length;
  // Each provider listens for this process's exit.
  process.setMaxListeners(count + 10);
  const connectStarted = performance.now();
  const clients: CollabClient[] = job.tokens.map((token) =>
    collabClient(job.url, job.modelId, { token }),
  );
  await Promise.all(clients.map((client) => synced(client, 120_000)));
  const syncMs = performance.now() - connectStarted;
  say(`${count} clients synced in ${Math.round(syncMs)} ms`);

  if (job.seed) {
    const first = clients[0]!;
    first.edit.transact(() => {
      first.edit.add('zones', BENCH_ZONE_ID, {
        name: 'Core',
        trust: 'trusted',
        parentZoneId: null,
        description: '',
      });
      for (let index = 0; index < count; index += 1) {
        first.edit.add('elements', elementId(index), {
          kind: 'process',
          name: `Element ${index}`,
          description: '',
          technology: 'Node.js',
          zoneId: BENCH_ZONE_ID,
          c4Level: 'container',
          tags: [],
        });
      }
    });
  }
  await until(
    () =>
      clients.every((client) => {
        const elements = client.doc.getMap<unknown>('elements');
        for (let index = 0; index < count; index += 1) {
          if (!elements.has(elementId(index))) return false;
        }
        return true;
      }),
    60_000,
    'every client sees every element',
  );

  let disconnects = 0;
  for (const client of clients) {
    client.provider.on('status', ({ status }) => {
      if (status === 'disconnected') disconnects += 1;
    });
  }

  const interval = 1000 / job.editsPerSecond;
  const warmupEdits = Math.round(job.warmupMs / interval);
  const totalEdits = warmupEdits + Math.round(job.durationMs / interval);
  const latencies: number[] = [];
  let missed = 0;
  let regressions = 0;
  /** lastSeen[receiver][sender]: the highest sequence number the receiver saw. */
  const lastSeen = clients.map(() => new Array<number>(count).fill(0));

  clients.forEach((client, receiver) => {
    const root = client.doc.getMap<unknown>('elements');
    root.observeDeep((events) => {
      const now = performance.now();
      for (const event of events) {
        if (!(event instanceof Y.YMapEvent) || event.target === root) continue;
        if (!event.keysChanged.has('name')) continue;
        const name: unknown = event.target.get('name');
        if (typeof name !== 'string' || !name.startsWith(NAME_PREFIX)) continue;
        const [sender, seq, sentAt] = name.slice(NAME_PREFIX.length).split(':').map(Number);
        if (sender === undefined || seq === undefined || sentAt === undefined) continue;
        if (sender === receiver) continue;
        const seen = lastSeen[receiver]!;
        const previous = seen[sender]!;
        if (seq <= previous) {
          if (seq < previous) regressions += 1;
          continue;
        }
        // Sequence numbers skipped over were never seen as such.
        for (let skipped = Math.max(previous + 1, warmupEdits + 1); skipped < seq; skipped += 1) {
          missed += 1;
        }
        seen[sender] = seq;
        if (seq > warmupEdits) latencies.push(now - sentAt);
      }
    });
  });

  let measuredFrom = 0;
  let measuredUntil = 0;
  const cpuFrom: { usage?: NodeJS.CpuUsage } = {};
  const started = performance.now();
  await Promise.all(
    clients.map(
      (client, index) =>
        new Promise<void>((resolve) => {
          let seq = 0;
          const offset = (index * interval) / count;
          const next = () => {
            seq += 1;
            const now = performance.now();
            if (seq === warmupEdits + 1 && measuredFrom === 0) {
              measuredFrom = now;
              cpuFrom.usage = process.cpuUsage();
            }
            client.edit.update('elements', elementId(index), {
              name: `${NAME_PREFIX}${index}:${seq}:${now.toFixed(3)}`,
            });
            if (seq >= totalEdits) {
              measuredUntil = Math.max(measuredUntil, performance.now());
              resolve();
              return;
            }
            // Scheduled on the run's own clock, so a late edit does not slow the rate.
            const due = started + offset + seq * interval;
            setTimeout(next, Math.max(0, due - performance.now()));
          };
          setTimeout(next, offset);
        }),
    ),
  );
  const cpu = process.cpuUsage(cpuFrom.usage);
  say(`${count} clients made ${totalEdits} edits each`);

  // Every edit is awaited at every other client, however late: the tail counts.
  await until(
    () =>
      lastSeen.every((seen, receiver) =>
        seen.every((seq, sender) => sender === receiver || seq >= totalEdits),
      ),
    30_000,
    'every client sees the last edit of every other',
  ).catch((error: unknown) => {
    console.error(`[load] ${error instanceof Error ? error.message : String(error)}`);
  });
  say('every client saw every edit, or gave up waiting');
  const saved =
    job.saveWaitMs > 0 ? await awaitSaved(clients, measuredUntil, job.saveWaitMs) : null;
  lastSeen.forEach((seen, receiver) =>
    seen.forEach((seq, sender) => {
      if (sender !== receiver && seq < totalEdits)
        missed += totalEdits - Math.max(seq, warmupEdits);
    }),
  );

  const measuredEdits = count * (totalEdits - warmupEdits);
  const round = (value: number) => Math.round(value * 100) / 100;
  const result: LoadResult = {
    clients: count,
    edits: measuredEdits,
    samples: latencies.length,
    expectedSamples: measuredEdits * (count - 1),
    missed,
    regressions,
    latency: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      p999: round(percentile(latencies, 99.9)),
      max: round(latencies.reduce((most, value) => Math.max(most, value), 0)),
      mean: round(latencies.reduce((total, value) => total + value, 0) / latencies.length),
    },
    sendRate: round(measuredEdits / ((measuredUntil - measuredFrom) / 1000)),
    disconnects,
    closes: clients.flatMap((client, index) =>
      client.closes.map((close) => ({ client: index, ...close })),
    ),
    denied: clients.flatMap((client, index) =>
      client.denied.map((reason) => ({ client: index, reason })),
    ),
    clientCpuMs: round((cpu.user + cpu.system) / 1000),
    syncMs: round(syncMs),
    saved,
  };
  writeFileSync(job.resultFile, `${JSON.stringify(result, null, 2)}\n`);
  for (const client of clients) client.destroy();
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
main(job).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
