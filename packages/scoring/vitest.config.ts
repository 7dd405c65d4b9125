import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // The reference-vector specs score ~9,000 vectors; leave them room on a slow CI runner.
    testTimeout: 30_000,
  },
});
