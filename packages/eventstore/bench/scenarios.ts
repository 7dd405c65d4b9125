import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/event.js';
import type { EventStore } from '../src/event-store.js';
import { median, throughput, type Metric } from './measure.js';

/** Raw single-row INSERT + COMMIT of a JSON payload into a plain table, the baseline of single appends. */
export type RawInsert = (payloadJson: string) => Promise<void>;

/** The payload every append benchmark writes: a realistic small domain event. */
export function benchEvent(index: number): NewEvent {
  return {
    type: 'ThreatIdentified',
    data: {
      threatId: randomUUID(),
      elementId: randomUUID(),
      stride: 'S',
      title: `Spoofed session token on flow ${index}`,
      description: 'An attacker replays a stolen session token against the API gateway.',
    },
    metadata: {
      actor: 'user-bench',
      organisation: 'org-bench',
      correlationId: randomUUID(),
      client: 'bench',
    },
  };
}

/** Writers each own one stream and append one event per transaction with optimistic concurrency. */
function singleAppendWorker(
  store: EventStore,
  concurrency: number,
): (worker: number) => Promise<number> {
  const streams = Array.from({ length: concurrency }, () => ({
    id: `model-${randomUUID()}`,
    version: -1,
  }));
  let counter = 0;
  return async (worker) => {
    const stream = streams[worker] as { id: string; version: number };
    const [stored] = await store.append(stream.id, [benchEvent((counter += 1))], {
      expectedVersion: stream.version < 0 ? 'no_stream' : stream.version,
    });
    stream.version = stored?.streamVersion ?? stream.version;
    return 1;
  };
}

/**
 * Single-event appends against raw INSERT + COMMIT at the same concurrency,
 * alternating in rounds so both see the same machine state; medians reported.
 */
export async function compareSingleAppends(
  store: EventStore,
  rawInsert: RawInsert,
  concurrency: number,
  rounds: number,
  roundMs: number,
): Promise<Metric> {
  const payloadJson = JSON.stringify(benchEvent(0));
  const appendRates: number[] = [];
  const baselineRates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    baselineRates.push(
      await throughput(concurrency, roundMs, async () => {
        await rawInsert(payloadJson);
        return 1;
      }),
    );
    appendRates.push(
      await throughput(concurrency, roundMs, singleAppendWorker(store, concurrency)),
    );
  }
  const value = median(appendRates);
  const baseline = median(baselineRates);
  return { value, unit: 'events/s', baseline, ratio: value / baseline, target: 'ratio >= 0.6' };
}

/** Appends batches of 100 events to fresh streams from one writer. */
export async function batchAppends(store: EventStore, durationMs: number): Promise<number> {
  let counter = 0;
  return throughput(1, durationMs, async () => {
    const batch = Array.from({ length: 100 }, () => benchEvent((counter += 1)));
    await store.append(`model-${randomUUID()}`, batch, { expectedVersion: 'no_stream' });
    return batch.length;
  });
}

/** Tops the store up to `total` events with batches of 100. */
export async function fillTo(store: EventStore, total: number): Promise<void> {
  let stored = await store.headPosition();
  while (stored < total) {
    const size = Math.min(100, total - stored);
    await Promise.all(
      Array.from({ length: 4 }, () =>
        store.append(
          `model-${randomUUID()}`,
          Array.from({ length: size }, (_, index) => benchEvent(index)),
          { expectedVersion: 'no_stream' },
        ),
      ),
    );
    stored += size * 4;
  }
}

/** Reads the first `count` events of the global order page by page; returns events/s. */
export async function readAllRate(store: EventStore, count: number): Promise<number> {
  const startedAt = performance.now();
  let read = 0;
  let page = await store.readAll({ limit: 1000 });
  while (page.length > 0 && read < count) {
    read += page.length;
    const last = page.at(-1);
    page = last ? await store.readAll({ limit: 1000, after: last }) : [];
  }
  if (read < count) throw new Error(`expected ${count} events, read ${read}`);
  return count / ((performance.now() - startedAt) / 1000);
}

/**
 * A subscriber catching up over the first `count` events, storing its
 * checkpoint after every page the way a projection does; returns events/s.
 */
export async function catchUpRate(
  store: EventStore,
  count: number,
  saveCheckpoint: (transactionId: string, position: number) => Promise<void>,
): Promise<number> {
  const startedAt = performance.now();
  let handled = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscription = store.subscribe({
    pageSize: 1000,
    handler: async (event) => {
      handled += 1;
      if (handled % 1000 === 0 || handled === count)
        await saveCheckpoint(event.transactionId, event.position);
      if (handled === count) done();
    },
  });
  await Promise.race([finished, subscription.finished]);
  const rate = count / ((performance.now() - startedAt) / 1000);
  await subscription.stop();
  return rate;
}
