import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { appRoot } from './app-root.js';
import { findRepoRoot } from './repo-root.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'expected one of true, false, 1, 0, yes, no, on, off',
  })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const positiveInt = (max: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .min(1, { error: `expected a whole number between 1 and ${max}` })
    .max(max, { error: `expected a whole number between 1 and ${max}` });

/** One browser origin: scheme, host and optional port of an http(s) URL, nothing after it. */
const browserOrigin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { error: 'expected a comma-separated list of origins like https://threatloom.example.org' },
);

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\//.test(value), {
  error: 'expected a postgres:// or postgresql:// connection URL',
});

/**
 * The environment variables the server reads, validated once at start.
 * Every option states its default; docs/configuration.md lists the same table.
 */
export const environmentSchema = z.object({
  /** TCP port of the HTTP server. Default: 3000. */
  PORT: positiveInt(65535).default(3000),
  /**
   * Interface to bind. Default: 127.0.0.1, so a fresh clone never exposes the
   * server to the network by accident; containers set HOST=0.0.0.0 explicitly.
   */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * PostgreSQL connection URL used at runtime (should be a role that is a member
   * of threatloom_app and does not own the tables). Default: unset, which selects
   * the embedded PGlite database in DATA_DIR.
   */
  DATABASE_URL: postgresUrl.optional(),
  /**
   * Most PostgreSQL connections the server holds at runtime (each request runs
   * a few short transactions). Default: 20.
   */
  DATABASE_POOL_SIZE: positiveInt(1000).default(20),
  /**
   * PostgreSQL connection URL of the table owner, used only to run migrations at
   * start. Default: DATABASE_URL.
   */
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  /**
   * Directory of the embedded PGlite database when DATABASE_URL is unset.
   * Default: `<repo>/.threatloom/data`; `memory://` keeps it in memory.
   */
  DATA_DIR: z.string().min(1).optional(),
  /**
   * `production` turns off GraphQL introspection and the GraphiQL IDE.
   * Default: development.
   */
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'expected development, production or test',
    })
    .default('development'),
  /** Minimum pino log level. Default: info. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  /** Deepest selection nesting a GraphQL operation may have. Default: 10. */
  GRAPHQL_MAX_DEPTH: positiveInt(100).default(10),
  /**
   * Highest estimated cost of one GraphQL operation (each field costs 1, a list
   * field multiplies its children by its page size). Default: 20000.
   */
  GRAPHQL_MAX_COST: positiveInt(10_000_000).default(20_000),
  /** Largest `first` a paginated list accepts. Default: 100. */
  GRAPHQL_MAX_PAGE_SIZE: positiveInt(10_000).default(100),
  /** Largest accepted request body in bytes. Default: 1048576 (1 MiB). */
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024 * 1024).default(1024 * 1024),
  /**
   * Longest a co-editing client's update may take to decode (checked in a
   * worker thread before the document applies it); its sender is dropped
   * beyond it. Default: 1000 ms.
   */
  COLLAB_UPDATE_BUDGET_MS: positiveInt(60_000).default(1000),
  /**
   * Most models whose decided state is kept in memory (least recently used
   * dropped first; ADR 0011). A large model (2,000 elements) takes a few MB.
   * Default: 200.
   */
  MODEL_STATE_CACHE_SIZE: positiveInt(100_000).default(200),
  /**
   * Events folded since a model's last persisted snapshot after which its
   * state is snapshotted again, so a restart replays at most about this many
   * events per model. Default: 1000.
   */
  MODEL_STATE_SNAPSHOT_EVERY: positiveInt(10_000_000).default(1000),
  /**
   * A model's state after every this many events of its stream is kept
   * (table model_state_milestones), so replaying a model as of a past point
   * folds at most this many events however long its history. Default: 250.
   */
  MODEL_STATE_MILESTONE_EVERY: positiveInt(10_000_000).default(250),
  /**
   * The Ed25519 private key (PKCS #8 PEM) that signs checkpoints of the event
   * log (docs/tamper-evidence.md). Generated there on first start when absent.
   * Must lie outside DATA_DIR: the key must not travel with the data it vouches
   * for. Default: `<repo>/.threatloom/keys/checkpoint-ed25519.pem`.
   */
  CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  /**
   * Comma-separated PEM files of retired checkpoint keys (public or private),
   * still trusted when verifying checkpoints they signed. Default: none.
   */
  CHECKPOINT_TRUSTED_KEYS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((file) => file.trim())
        .filter((file) => file !== ''),
    )
    .optional(),
  /**
   * Seconds between two seals of the event log while there are new events. A
   * deletion of events appended since the last seal leaves no trace, so keep it
   * short. Default: 60.
   */
  CHECKPOINT_INTERVAL_SECONDS: positiveInt(86_400).default(60),
  /**
   * Directory of the built web app (`index.html`, `_app/`, static files), served
   * at `/` (docs/api.md#the-web-app). A relative path resolves against the
   * working directory. Default: `apps/web/build` of this checkout, found from the
   * API's own files, not from the working directory.
   */
  WEB_ROOT: z.string().min(1).optional(),
  /** Seed the GenomeWell demo model when its stream does not exist yet. Default: true. */
  SEED_DEMO: booleanFromEnv.default(true),
  /**
   * Base URL browsers use (identity reads it for the SSO redirect URI); here
   * only its origin matters, as the default of ALLOWED_ORIGINS.
   * Default: `http://localhost:<PORT>`.
   */
  PUBLIC_URL: z.url({ error: 'expected an absolute http(s) URL' }).optional(),
  /**
   * Comma-separated origins (`https://host[:port]`) whose pages may send
   * cookie-authenticated GraphQL mutations and open cookie-authenticated
   * subscriptions. Default: the origin of PUBLIC_URL; when PUBLIC_URL is
   * unset, `http://localhost:<PORT>`, `http://127.0.0.1:<PORT>` and
   * `http://[::1]:<PORT>`.
   */
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(browserOrigin).min(1, { error: 'expected at least one origin' }))
    .optional(),
});

/** The validated server configuration, read once at start. */
export interface AppConfig {
  port: number;
  host: string;
  database: {
    /** Runtime connection URL; null selects PGlite. */
    url: string | null;
    /** Owner connection for migrations; null selects `url`. */
    migrationUrl: string | null;
    /** PGlite data directory (absolute path or `memory://`). */
    dataDir: string;
    /** Pool size of the runtime PostgreSQL connection. */
    poolSize: number;
  };
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  graphql: {
    maxDepth: number;
    maxCost: number;
    maxPageSize: number;
    /** Introspection and GraphiQL are on outside production. */
    isIntrospectionEnabled: boolean;
  };
  bodyLimitBytes: number;
  /** Absolute path of the built web app's directory (it may hold no build). */
  webRoot: string;
  seedDemo: boolean;
  /** Origins whose pages may use a session cookie for writes and subscriptions (exact match). */
  allowedOrigins: readonly string[];
  /** Sealing the event log in signed checkpoints (docs/tamper-evidence.md). */
  ledger: {
    /** Absolute path of the signing key file. */
    keyFile: string;
    /** Absolute paths of retired keys still trusted. */
    trustedKeyFiles: readonly string[];
    /** Milliseconds between seals. */
    intervalMs: number;
  };
  /** Co-editing (docs/collaboration.md). */
  collab: {
    /** Longest a client's update may take to decode before its sender is dropped. */
    updateBudgetMs: number;
  };
  /** The per-model state cache (ADR 0011). */
  modelState: {
    /** Most models kept in memory. */
    cacheSize: number;
    /** Events folded between two persisted snapshots of a model. */
    snapshotEvery: number;
    /** Events between two milestones of a model's state (replays of the past). */
    milestoneEvery: number;
  };
}

/** Raised when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Validates `env` and derives the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        // Values are not echoed back: a malformed DATABASE_URL may hold a password.
        message: issue.message,
      })),
    );
  }
  const vars = parsed.data;
  const url = vars.DATABASE_URL ?? null;
  return {
    port: vars.PORT,
    host: vars.HOST,
    database: {
      url,
      migrationUrl: vars.DATABASE_MIGRATION_URL ?? url,
      dataDir: resolveDataDir(vars.DATA_DIR),
      poolSize: vars.DATABASE_POOL_SIZE,
    },
    nodeEnv: vars.NODE_ENV,
    logLevel: vars.LOG_LEVEL,
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH,
      maxCost: vars.GRAPHQL_MAX_COST,
      maxPageSize: vars.GRAPHQL_MAX_PAGE_SIZE,
      isIntrospectionEnabled: vars.NODE_ENV !== 'production',
    },
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    webRoot: vars.WEB_ROOT === undefined ? defaultWebRoot : resolve(vars.WEB_ROOT),
    seedDemo: vars.SEED_DEMO,
    allowedOrigins: vars.ALLOWED_ORIGINS ?? defaultAllowedOrigins(vars.PUBLIC_URL, vars.PORT),
    ledger: {
      keyFile: checkpointKeyFile(vars.CHECKPOINT_KEY_FILE, resolveDataDir(vars.DATA_DIR), url),
      trustedKeyFiles: (vars.CHECKPOINT_TRUSTED_KEYS ?? []).map((file) => resolve(file)),
      intervalMs: vars.CHECKPOINT_INTERVAL_SECONDS * 1000,
    },
    collab: { updateBudgetMs: vars.COLLAB_UPDATE_BUDGET_MS },
    modelState: {
      cacheSize: vars.MODEL_STATE_CACHE_SIZE,
      snapshotEvery: vars.MODEL_STATE_SNAPSHOT_EVERY,
      milestoneEvery: vars.MODEL_STATE_MILESTONE_EVERY,
    },
  };
}

/** apps/web/build beside apps/api: where the web app's `vite build` writes it. */
const defaultWebRoot = join(appRoot, '..', 'web', 'build');

/**
 * The public URL's origin; without a public URL, the loopback names of the
 * local port, since `npm start` prints localhost but people also open 127.0.0.1.
 */
function defaultAllowedOrigins(publicUrl: string | undefined, port: number): string[] {
  if (publicUrl !== undefined) return [new URL(publicUrl).origin];
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
}

/**
 * The signing key's path; refuses one inside the embedded data directory,
 * which a backup or a copy would carry along with the data it vouches for.
 */
function checkpointKeyFile(
  keyFile: string | undefined,
  dataDir: string,
  databaseUrl: string | null,
): string {
  const path =
    keyFile === undefined
      ? join(findRepoRoot(), '.threatloom', 'keys', 'checkpoint-ed25519.pem')
      : resolve(keyFile);
  if (databaseUrl === null && !dataDir.startsWith('memory://')) {
    const inside = relative(dataDir, path);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new ConfigError([
        {
          variable: 'CHECKPOINT_KEY_FILE',
          message: `expected a file outside DATA_DIR (${dataDir}): the signing key must not travel with the data it vouches for`,
        },
      ]);
    }
  }
  return path;
}

function resolveDataDir(dataDir: string | undefined): string {
  if (dataDir === undefined) return join(findRepoRoot(), '.threatloom', 'data');
  if (dataDir.startsWith('memory://')) return dataDir;
  return resolve(dataDir);
}
