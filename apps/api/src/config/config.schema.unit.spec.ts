import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.schema.js';

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
      modelState: { cacheSize: 200, snapshotEvery: 1000 },
    });
    expect(config.database.dataDir).toMatch(/\.threatloom[/\\]data$/);
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
