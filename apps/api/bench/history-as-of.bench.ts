/**
 * `history.asOf.50k`: p95 ms to rebuild a model of 50,000 events as of 50
 * random global positions of its stream, through GraphQL (`model(id, asOf:
 * { position })`), one request at a time; baseline: the same for a model of
 * 500 events built the same way. Against PostgreSQL, the server in its own
 * process (node dist/main.js), as in production, with its default milestone
 * interval (MODEL_STATE_MILESTONE_EVERY). Writes
 * bench/results/history-as-of.partial.json.
 * Usage: tsx bench/history-as-of.bench.ts [--quick] (--quick: 5,000 events).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  execute,
  initialState,
  type CommandContext,
  type DomainEvent,
  type ModelState,
} from '@threatloom/domain';
import { EventStore } from '@threatloom/eventstore';
import { requirePostgres } from '@threatloom/testkit';
import { findRepoRoot } from '../src/config/repo-root.js';
import { createModelOwner, eventually, type ModelOwner } from '../test/support/model-owner.js';
import { startBenchServer } from './bench-server.js';
import { percentile } from './latency.js';

const isQuick = process.argv.includes('--quick');
const LONG_EVENTS = isQuick ? 5_000 : 50_000;
const SHORT_EVENTS = 500;
const POINTS = 50;
const WARMUP_POINTS = 5;
const APPEND_BATCH = 1000;
const THREATS = 150;
const ELEMENTS = 20;

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L',
];

/**
 * The commands of a model with a long life: its diagram and THREATS scored,
 * mitigated threats, then round after round of re-scoring, renaming and
 * mitigation progress, as years of reviews leave behind.
 */
function* lifeOfAModel(modelId: string, systemId: string): Generator<unknown> {
  yield { type: 'CreateThreatModel', modelId, systemId, name: 'A model with a long history' };
  yield { type: 'AddZone', zoneId: 'internet', name: 'Internet', trust: 'untrusted' };
  yield { type: 'AddZone', zoneId: 'core', name: 'Core', trust: 'trusted' };
  for (let index = 0; index < ELEMENTS; index += 1)
    yield {
      type: 'AddElement',
      elementId: `element-${index}`,
      kind: index === 0 ? 'external_entity' : index % 5 === 0 ? 'data_store' : 'process',
      name: `Element ${index}`,
      zoneId: index === 0 ? 'internet' : 'core',
    };
  for (let index = 0; index < THREATS; index += 1) {
    yield {
      type: 'IdentifyThreat',
      threatId: `threat-${index}`,
      title: `Threat ${index}: an attacker abuses element ${index % ELEMENTS}`,
      stride: 'tampering',
      target: { kind: 'element', id: `element-${index % ELEMENTS}` },
    };
    yield {
      type: 'ScoreThreat',
      threatId: `threat-${index}`,
      method: { method: 'cvss', vector: VECTORS[index % VECTORS.length] },
    };
    yield {
      type: 'PlanMitigation',
      mitigationId: `mitigation-${index}`,
      threatIds: [`threat-${index}`],
      strategies: ['mitigate'],
      action: `Control ${index}`,
    };
  }
  for (let round = 1; ; round += 1) {
    for (let index = 0; index < THREATS; index += 1) {
      yield {
        type: 'ScoreThreat',
        threatId: `threat-${index}`,
        method: { method: 'cvss', vector: VECTORS[(index + round) % VECTORS.length] },
      };
      if (index % 3 === 0)
        yield {
          type: 'ChangeElement',
          elementId: `element-${index % ELEMENTS}`,
          name: `Element ${index % ELEMENTS} (review ${round})`,
        };
    }
  }
}

/** The first `count` events of a model's life, decided by the domain so the model is valid. */
function modelEvents(
  modelId: string,
  systemId: string,
  count: number,
  context: CommandContext,
): DomainEvent[] {
  let state: ModelState = initialState();
  const events: DomainEvent[] = [];
  for (const command of lifeOfAModel(modelId, systemId)) {
    if (events.length >= count) break;
    const result = execute(command, state, context);
    if (!result.ok) throw new Error(`benchmark command refused: ${result.error.message}`);
    state = result.state;
    events.push(...result.events);
  }
  return events.slice(0, count);
}

const AS_OF = `query ($id: ID!, $position: Int!) {
  model(id: $id, asOf: { position: $position }) {
    asOf { streamVersion }
    name
    threats(first: 1) { totalCount }
  }
}`;

/** Appends a model of `count` events; its positions, in stream order. */
async function storeModel(
  store: EventStore,
  user: ModelOwner,
  count: number,
): Promise<{
  modelId: string;
  positions: number[];
}> {
  const modelId = randomUUID();
  const context: CommandContext = {
    actor: { userId: 'benchmark', organisationId: user.organisationId, roles: ['admin'] },
    now: new Date().toISOString(),
  };
  const events = modelEvents(modelId, user.systemId, count, context);
  const positions: number[] = [];
  for (let start = 0; start < events.length; start += APPEND_BATCH) {
    const stored = await store.append(
      `model-${modelId}`,
      events.slice(start, start + APPEND_BATCH).map((event) => ({
        ...event,
        metadata: { actor: 'benchmark', organisation: user.organisationId },
      })),
      { expectedVersion: start === 0 ? 'no_stream' : start - 1 },
    );
    positions.push(...stored.map((event) => event.position));
  }
  return { modelId, positions };
}

/** p95 ms of `model(asOf)` at POINTS random positions of the model, one request at a time. */
async function asOfLatencies(
  user: ModelOwner,
  model: { modelId: string; positions: number[] },
): Promise<{ p50: number; p95: number }> {
  const ask = async (index: number) => {
    const position = model.positions[index]!;
    const answer = await user.graphql<{ model: { asOf: { streamVersion: number } } }>(AS_OF, {
      id: model.modelId,
      position,
    });
    if (answer.data?.model.asOf.streamVersion !== index)
      throw new Error(`as of ${position}: ${JSON.stringify(answer.errors ?? answer.data)}`);
  };
  const random = () => Math.floor(Math.random() * model.positions.length);
  for (let warm = 0; warm < WARMUP_POINTS; warm += 1) await ask(random());
  const latencies: number[] = [];
  for (let point = 0; point < POINTS; point += 1) {
    const index = random();
    const started = performance.now();
    await ask(index);
    latencies.push(performance.now() - started);
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function main(): Promise<void> {
  if (!(await requirePostgres())) {
    console.error('[bench] PostgreSQL unreachable: history.asOf skipped');
    process.exit(process.env['CI'] ? 1 : 0);
  }
  const bench = await startBenchServer();
  const store = new EventStore(bench.owner);
  try {
    const user = await createModelOwner({ url: bench.url });
    const long = await storeModel(store, user, LONG_EVENTS);
    const short = await storeModel(store, user, SHORT_EVENTS);
    console.log(`stored models of ${LONG_EVENTS} and ${SHORT_EVENTS} events`);
    // The projection keeps the milestones as it folds the streams: wait until it is through.
    for (const model of [long, short])
      await eventually(async () => {
        const answer = await user.graphql<{ model: { streamVersion: number } }>(
          'query ($id: ID!) { model(id: $id) { streamVersion } }',
          { id: model.modelId },
        );
        if (answer.data?.model.streamVersion !== model.positions.length - 1)
          throw new Error(`not projected yet: ${JSON.stringify(answer)}`);
      }, 600_000);
    const ours = await asOfLatencies(user, long);
    const baseline = await asOfLatencies(user, short);
    const round = (value: number) => Math.round(value * 100) / 100;
    const name = isQuick ? 'history.asOf.5k' : 'history.asOf.50k';
    const metrics = {
      [name]: {
        value: round(ours.p95),
        unit: 'ms',
        baseline: round(baseline.p95),
        ratio: round(ours.p95 / baseline.p95),
        target: 'ratio <= 3 and p95 < 150 ms',
      },
      [`${name}.p50`]: {
        value: round(ours.p50),
        unit: 'ms',
        baseline: round(baseline.p50),
        ratio: round(ours.p50 / baseline.p50),
      },
    };
    console.log(JSON.stringify(metrics, null, 2));
    if (!isQuick) {
      const resultFile = join(findRepoRoot(), 'bench', 'results', 'history-as-of.partial.json');
      await mkdir(dirname(resultFile), { recursive: true });
      await writeFile(resultFile, `${JSON.stringify({ metrics }, null, 2)}\n`);
      console.log(`wrote ${resultFile}`);
    }
  } finally {
    await store.close();
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
