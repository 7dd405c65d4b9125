import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from './app-root.js';
import { ConfigError, loadConfig } from './config.schema.js';
import { findRepoRoot } from './repo-root.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { url: null, migrationUrl: null },
      nodeEnv: 'development',
      logLevel: 'info',
      graphql: { maxDepth: 10, maxCost: 20_000, maxPageSize: 100, isIntrospectionEnabled: true },
      bodyLimitBytes: 1_048_576,
      seedDemo: true,
      modelState: { cacheSize: 200, snapshotEvery: 1000, milestoneEvery: 250 },
    });
    expect(config.database.dataDir).toMatch(/\.threatloom[/\\]data$/);
  });

  it('looks for the web app in apps/web/build of this checkout, wherever the server starts', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(loadConfig({}).webRoot).toBe(join(appRoot, '..', 'web', 'build'));
    } finally {
      process.chdir(cwd);
    }
    expect(loadConfig({}).webRoot).toBe(join(findRepoRoot(), 'apps', 'web', 'build'));
    expect(loadConfig({ WEB_ROOT: '/srv/threatloom/web' }).webRoot).toBe('/srv/threatloom/web');
  });

  it('uses DATABASE_URL for migrations unless DATABASE_MIGRATION_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/t' }).database.migrationUrl).toBe(
      'postgres://app@db/t',
    );
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db/t',
        DATABASE_MIGRATION_URL: 'postgres://owner@db/t',
      }).database.migrationUrl,
    ).toBe('postgres://owner@db/t');
  });

  it('turns introspection off in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql.isIntrospectionEnabled).toBe(false);
  });

  it('allows the loopback origins of the port when neither ALLOWED_ORIGINS nor PUBLIC_URL is set', () => {
    expect(loadConfig({ PORT: '4000' }).allowedOrigins).toEqual([
      'http://localhost:4000',
      'http://127.0.0.1:4000',
      'http://[::1]:4000',
    ]);
  });

  it('allows the origin of PUBLIC_URL by default', () => {
    expect(
      loadConfig({ PUBLIC_URL: 'https://threatloom.example.org/app/' }).allowedOrigins,
    ).toEqual(['https://threatloom.example.org']);
  });

  it('reads ALLOWED_ORIGINS as a comma-separated list', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org, https://b.example.org:8443' })
        .allowedOrigins,
    ).toEqual(['https://a.example.org', 'https://b.example.org:8443']);
  });

  it('refuses an ALLOWED_ORIGINS entry that is not a bare http(s) origin', () => {
    for (const bad of ['https://a.example.org/path', 'a.example.org', 'ftp://a.example.org', ',']) {
      try {
        loadConfig({ ALLOWED_ORIGINS: bad });
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect((error as ConfigError).issues[0]?.variable).toBe('ALLOWED_ORIGINS');
      }
    }
  });

  it('keeps the checkpoint key outside the data directory', () => {
    const config = loadConfig({ DATA_DIR: '/srv/threatloom/data' });
    expect(config.ledger.keyFile).toMatch(/\.threatloom\/keys\/checkpoint-ed25519\.pem$/);
    expect(config.ledger.intervalMs).toBe(60_000);
    expect(
      loadConfig({
        DATA_DIR: '/srv/threatloom/data',
        CHECKPOINT_KEY_FILE: '/srv/threatloom/keys/checkpoint.pem',
        CHECKPOINT_TRUSTED_KEYS: '/srv/old-1.pem, /srv/old-2.pem',
        CHECKPOINT_INTERVAL_SECONDS: '5',
      }).ledger,
    ).toEqual({
      keyFile: '/srv/threatloom/keys/checkpoint.pem',
      trustedKeyFiles: ['/srv/old-1.pem', '/srv/old-2.pem'],
      intervalMs: 5000,
    });
    for (const inside of ['/srv/threatloom/data/key.pem', '/srv/threatloom/data']) {
      expect(() =>
        loadConfig({ DATA_DIR: '/srv/threatloom/data', CHECKPOINT_KEY_FILE: inside }),
      ).toThrow(/CHECKPOINT_KEY_FILE: expected a file outside DATA_DIR/);
    }
    // On PostgreSQL the data directory is not used.
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db/threatloom',
        DATA_DIR: '/srv/threatloom/data',
        CHECKPOINT_KEY_FILE: '/srv/threatloom/data/key.pem',
      }).ledger.keyFile,
    ).toBe('/srv/threatloom/data/key.pem');
  });

  it('reads SEED_DEMO=false as off', () => {
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual([
        'LOG_LEVEL',
        'PORT',
      ]);
      expect((error as ConfigError).message).toContain('PORT: expected a whole number');
    }
  });

  it('does not echo a rejected connection URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).not.toThrow(/hunter2/);
  });
});
