/** The p-th percentile (0-100) of samples, by the nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * Runs `operation` `total` times from `concurrency` concurrent clients and
 * returns each call's latency in milliseconds.
 */
export async function measureLatencies(
  operation: (index: number) => Promise<void>,
  total: number,
  concurrency: number,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      const started = performance.now();
      await operation(index);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return latencies;
}
