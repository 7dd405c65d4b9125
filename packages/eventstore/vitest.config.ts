import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'bench/**/*.spec.ts'],
    // PGlite.create takes seconds and the concurrency suites write thousands of events.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
