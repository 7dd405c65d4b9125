/** Runs `worker` on `concurrency` parallel loops for about `durationMs`; returns operations per second. */
export async function throughput(
  concurrency: number,
  durationMs: number,
  worker: (workerIndex: number) => Promise<number>,
): Promise<number> {
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  let operations = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, workerIndex) => {
      while (performance.now() < deadline) {
        // Awaited first: `operations += await ...` reads the total before the await, so concurrent
        // workers would overwrite each other's counts and report about 1/concurrency of the work.
        const done = await worker(workerIndex);
        operations += done;
      }
    }),
  );
  return operations / ((performance.now() - startedAt) / 1000);
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One metric in the format the root runner merges. */
export interface Metric {
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
}

/** Rounds for reporting: whole numbers for rates, three decimals for ratios. */
export function rounded(metric: Metric): Metric {
  return {
    ...metric,
    value: Math.round(metric.value),
    ...(metric.baseline === undefined ? {} : { baseline: Math.round(metric.baseline) }),
    ...(metric.ratio === undefined ? {} : { ratio: Math.round(metric.ratio * 1000) / 1000 }),
  };
}
