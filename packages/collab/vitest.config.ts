import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests and the 3,650 CVSS fixture vectors take about a second each on a
    // quiet machine; CI runs two packages at once, so allow headroom over the 5 s default.
    testTimeout: 20_000,
  },
});
