import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

/** Environment variables that configure accounts, sessions, tokens and single sign-on. */
const identityEnvSchema = z.object({
  /** Absolute session lifetime in minutes. Default 10080 (7 days). */
  SESSION_ABSOLUTE_TIMEOUT_MINUTES: positiveInt.default(10_080),
  /** A session unused for this many minutes ends. Default 720 (12 hours). */
  SESSION_IDLE_TIMEOUT_MINUTES: positiveInt.default(720),
  /**
   * Whether the session cookie carries `Secure`. Default `auto`: on in production
   * and whenever the public URL is not plain http on a loopback host (browsers
   * accept Secure cookies from http://localhost, so production mode still works locally).
   */
  SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Open self-service registration. Default: true, except false when NODE_ENV=production. */
  OPEN_REGISTRATION: booleanFlag.optional(),
  /** Failed sign-ins allowed per account within the window. Default 5. */
  SIGNIN_RATE_LIMIT_PER_ACCOUNT: positiveInt.default(5),
  /** Failed sign-ins allowed per client address within the window. Default 20. */
  SIGNIN_RATE_LIMIT_PER_ADDRESS: positiveInt.default(20),
  /** Length of the sliding rate-limit window in seconds. Default 900 (15 minutes). */
  SIGNIN_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(900),
  /**
   * Base URL browsers use to reach the server; the OIDC redirect URI is
   * `<PUBLIC_URL>/auth/oidc/callback`. Default `http://localhost:<PORT>`.
   */
  PUBLIC_URL: z.url().optional(),
  /**
   * 32-byte key (base64) that encrypts OIDC client secrets at rest (AES-256-GCM).
   * No default: without it, providers that need a client secret cannot be configured.
   */
  OIDC_SECRET_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'must be 32 bytes, base64-encoded',
    )
    .optional(),
  /**
   * Lets organisations configure OpenID providers on loopback, link-local and
   * private addresses, and plain http on loopback. For development against a
   * local provider only: it lets any organisation admin make the server send
   * requests into its own network. Default false.
   */
  OIDC_ALLOW_PRIVATE_ISSUERS: booleanFlag.default(false),
  /** Password of the demo accounts `demo@threatloom.local` and `vendor@threatloom.local`. Default `threatloom-demo`. */
  DEMO_ACCOUNT_PASSWORD: z.string().min(12).default('threatloom-demo'),
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
});

/** Identity settings, read once at start. */
export interface IdentityConfig {
  sessionAbsoluteTimeoutMs: number;
  sessionIdleTimeoutMs: number;
  isSessionCookieSecure: boolean;
  isRegistrationOpen: boolean;
  signInRateLimit: { perAccount: number; perAddress: number; windowMs: number };
  publicUrl: string;
  oidcSecretKey: Buffer | null;
  /** Whether OpenID issuers may live on private addresses (development only). */
  isPrivateIssuerAllowed: boolean;
  demoAccountPassword: string;
}

/** Thrown when an identity environment variable is malformed; names the variable. */
export class IdentityConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid environment variable ${variable}: ${detail}`);
    this.name = 'IdentityConfigError';
  }
}

/** Parses the identity settings from an environment, failing with the variable's name. */
export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const parsed = identityEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IdentityConfigError(String(issue?.path[0] ?? 'unknown'), issue?.message ?? 'invalid');
  }
  const values = parsed.data;
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  const isLocalPlainHttp = isLoopbackHttpUrl(publicUrl);
  return {
    sessionAbsoluteTimeoutMs: values.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60_000,
    sessionIdleTimeoutMs: values.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
    isSessionCookieSecure:
      values.SESSION_COOKIE_SECURE === 'auto'
        ? values.NODE_ENV === 'production' || !isLocalPlainHttp
        : values.SESSION_COOKIE_SECURE === 'true',
    isRegistrationOpen: values.OPEN_REGISTRATION ?? values.NODE_ENV !== 'production',
    signInRateLimit: {
      perAccount: values.SIGNIN_RATE_LIMIT_PER_ACCOUNT,
      perAddress: values.SIGNIN_RATE_LIMIT_PER_ADDRESS,
      windowMs: values.SIGNIN_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    publicUrl,
    oidcSecretKey: values.OIDC_SECRET_KEY ? Buffer.from(values.OIDC_SECRET_KEY, 'base64') : null,
    isPrivateIssuerAllowed: values.OIDC_ALLOW_PRIVATE_ISSUERS,
    demoAccountPassword: values.DEMO_ACCOUNT_PASSWORD,
  };
}

/** True for `http://` URLs on localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHttpUrl(url: string): boolean {
  // Schemas run every check, so this also sees strings that are not URLs at all.
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') return false;
  const host = parsed.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
