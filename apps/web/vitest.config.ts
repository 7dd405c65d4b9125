import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the app's pure modules, and end-to-end tests that start the
 * built API (serving the built app) and drive Debian's Chromium.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.unit.spec.ts', 'test/**/*.e2e.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
