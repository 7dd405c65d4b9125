// history.verify.1m: events per second verifying the hash chains and the
// signed checkpoint over 1,000,000 events on PostgreSQL, against SHA-256 alone
// over the same canonical bytes (node:crypto, one thread: the floor of any
// verifier), with reading alone beside it. Writes
// bench/results/history.partial.json at the repository root.
// Usage: pnpm bench [--quick] (--quick: 100,000 events).
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDatabase, requirePostgres } from '@threatloom/testkit';
import pg from 'pg';
import { rounded, type Metric } from './measure.js';

// The compiled package: the verify workers run its compiled worker script.
const compiledPath = '../dist/index.js';
const eventstore = (await import(compiledPath)) as typeof import('../src/index.js');

const isQuick = process.argv.includes('--quick');
const EVENTS = isQuick ? 100_000 : 1_000_000;
const EVENTS_PER_STREAM = 100;
const BATCH = 100;
const resultsFile = fileURLToPath(
  new URL('../../../bench/results/history.partial.json', import.meta.url),
);

if (!(await requirePostgres())) {
  console.error('[bench] PostgreSQL unreachable: history.verify skipped');
  process.exit(process.env.CI ? 1 : 0);
}

const postgres = await createPostgresTestDatabase();
const database = await eventstore.openDatabase({ url: postgres.url, poolSize: 4 });
const metrics: Record<string, Metric> = {};
try {
  await eventstore.migrateToLatest(database.db, eventstore.eventStoreMigrations);
  const store = new eventstore.EventStore(database);
  const startedFill = performance.now();
  const streams = EVENTS / EVENTS_PER_STREAM;
  // Events the size of a threat with its statement and score.
  const payload = (stream: number, version: number) => ({
    threatId: `${stream}-${version}`,
    title: `Session token replay on flow ${version} of system ${stream}`,
    statement: {
      source: 'An external attacker with a stolen refresh token',
      action: 'replays it against the API gateway',
      impact: 'reads another tenant’s genomic records',
    },
    score: { method: 'cvss31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N', value: 9.1 },
    tags: ['auth', 'gateway'],
  });
  for (let stream = 0; stream < streams; stream += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, streams - stream) }, async (_, offset) => {
        const id = `model-${randomUUID()}`;
        for (let from = 0; from < EVENTS_PER_STREAM; from += BATCH) {
          await store.append(
            id,
            Array.from({ length: BATCH }, (__, index) => ({
              type: 'ThreatIdentified',
              data: payload(stream + offset, from + index),
              metadata: { actor: 'bench', organisation: 'bench', correlationId: `c-${from}` },
            })),
            { expectedVersion: from === 0 ? 'no_stream' : from - 1 },
          );
        }
      }),
    );
  }
  console.log(`filled ${EVENTS} events in ${Math.round(performance.now() - startedFill)} ms`);

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const startedSeal = performance.now();
  const checkpoint = await eventstore.sealLedger(database.db, {
    signingKey: privateKey,
    pageSize: 5000,
  });
  const sealMs = performance.now() - startedSeal;
  if (checkpoint?.treeSize !== EVENTS) throw new Error(`sealed ${checkpoint?.treeSize}`);
  metrics['history.seal.1m'] = {
    value: EVENTS / (sealMs / 1000),
    unit: 'events/s',
  };

  // Reading alone, and SHA-256 alone over the same canonical bytes (timed apart from the reading).
  const reader = new pg.Client({ connectionString: postgres.url });
  await reader.connect();
  let readMs = 0;
  let hashMs = 0;
  let read = 0;
  try {
    await reader.query('BEGIN TRANSACTION READ ONLY');
    await reader.query(
      `DECLARE bench_scan NO SCROLL CURSOR FOR SELECT stream_id, stream_version, event_id::text AS event_id, type,
         schema_version, data, metadata, recorded_at, previous_hash FROM events`,
    );
    for (;;) {
      const startedRead = performance.now();
      const { rows } = await reader.query(`FETCH 5000 FROM bench_scan`);
      readMs += performance.now() - startedRead;
      const encodings = rows.map(
        (row: Record<string, unknown>) =>
          `${row.previous_hash as string}${eventstore.canonicalEventEncoding({
            streamId: row.stream_id as string,
            streamVersion: row.stream_version as number,
            eventId: row.event_id as string,
            type: row.type as string,
            schemaVersion: row.schema_version as number,
            data: row.data,
            metadata: row.metadata,
            recordedAt: row.recorded_at as Date,
          })}`,
      );
      const startedHash = performance.now();
      for (const encoding of encodings) createHash('sha256').update(encoding, 'utf8').digest('hex');
      hashMs += performance.now() - startedHash;
      read += rows.length;
      if (rows.length < 5000) break;
    }
    await reader.query('COMMIT');
  } finally {
    await reader.end();
  }
  const shaRate = read / (hashMs / 1000);
  metrics['history.verify.1m.read'] = { value: read / (readMs / 1000), unit: 'events/s' };
  metrics['history.verify.1m.sha256'] = { value: shaRate, unit: 'events/s' };

  const workers = Math.max(2, availableParallelism());
  const runs: number[] = [];
  for (let run = 0; run < (isQuick ? 1 : 3); run += 1) {
    const startedVerify = performance.now();
    const report = await eventstore.verifyLedger(database.db, {
      trustedKeys: [publicKey],
      parallel: { url: postgres.url, workers },
    });
    const verifyMs = performance.now() - startedVerify;
    if (!report.isIntact || report.eventsChecked !== EVENTS || report.workers !== workers) {
      throw new Error(
        `verify: ${JSON.stringify({ ...report, brokenLinks: report.brokenLinks.length })}`,
      );
    }
    runs.push(EVENTS / (verifyMs / 1000));
    console.log(`verify run ${run}: ${Math.round(verifyMs)} ms`);
  }
  const verifyRate = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number;
  metrics['history.verify.1m'] = {
    value: verifyRate,
    unit: 'events/s',
    baseline: shaRate,
    ratio: verifyRate / shaRate,
    target: 'ratio >= 0.5',
  };
} finally {
  await database.close();
  await postgres.drop();
}

const rounded_ = Object.fromEntries(
  Object.entries(metrics).map(([name, metric]) => [name, rounded(metric)]),
);
for (const [name, metric] of Object.entries(rounded_))
  console.log(`${name}: ${JSON.stringify(metric)}`);
await writeFile(resultsFile, `${JSON.stringify({ metrics: rounded_ }, null, 2)}\n`);
