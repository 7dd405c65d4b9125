import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Integration specs start real node processes; leave room on a slow runner.
    testTimeout: 30_000,
  },
});
