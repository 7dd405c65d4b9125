import { describe, expect, it } from 'vitest';
import { throughput } from './measure.js';

describe('throughput', () => {
  it('counts every operation of concurrent workers', async () => {
    // Given 8 workers that each finish one operation per timer tick
    let operations = 0;
    const worker = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      operations += 1;
      return 1;
    };

    // When they run for 200 ms
    const startedAt = performance.now();
    const rate = await throughput(8, 200, worker);
    const elapsedSeconds = (performance.now() - startedAt) / 1000;

    // Then the rate covers all of their operations: at least the count over the whole
    // call, at most the count over the nominal duration (the loops run until it passes)
    expect(rate).toBeGreaterThanOrEqual(operations / elapsedSeconds);
    expect(rate).toBeLessThanOrEqual(operations / 0.2);
  });
});
