import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPostgresReachable, requirePostgres } from '../src/postgres-availability.js';

// Nothing listens on port 1 of the loopback interface, so connecting fails at once.
const UNREACHABLE_URL = 'postgres://postgres@127.0.0.1:1/postgres';

describe('requirePostgres', () => {
  const originalCi = process.env.CI;
  afterEach(() => {
    if (originalCi === undefined) delete process.env.CI;
    else process.env.CI = originalCi;
    vi.restoreAllMocks();
  });

  it('reports an unreachable server as unreachable', async () => {
    expect(await isPostgresReachable(UNREACHABLE_URL, 1000)).toBe(false);
  });

  it('skips with a loud warning when the server is unreachable outside CI', async () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await requirePostgres(UNREACHABLE_URL)).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('SKIPPING the PostgreSQL test suites'),
    );
  });

  it('fails when the server is unreachable in CI', async () => {
    process.env.CI = 'true';
    await expect(requirePostgres(UNREACHABLE_URL)).rejects.toThrow(/not reachable .* CI is set/);
  });
});
