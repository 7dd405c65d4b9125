import { Unauthenticated } from '../../errors/app-error.js';
import type { Kysely } from 'kysely';
import type { ApiTables } from '../../database/database-schema.js';
import type { DatabaseService } from '../../database/database.service.js';
import type { Statement } from '../../database/prepared-query.js';
import type { Actor } from '../actor.js';
import { ApiTokenRepository } from '../api-token/api-token-repository.js';
import { looksLikeApiToken } from '../api-token/api-token-secret.js';
import { UserRepository } from '../account/user-repository.js';
import { SESSION_COOKIE, readCookie } from '../http/cookies.js';
import { identityReader, runIdentityTransaction } from '../identity-transactions.js';
import { hashSecret } from '../secret-token.js';
import type { LiveSession } from '../session/session-repository.js';
import type { SessionService } from '../session/session-service.js';

/** What authentication learned about one request. */
export interface RequestIdentity {
  actor: Actor | null;
  /** The cookie's session secret when a live session authenticated the request (for CSRF and sign-out). */
  sessionSecret: string | null;
  /**
   * The rows of the read registered with `readAlongWithSessions`, when a live
   * session authenticated the request; null otherwise (anonymous, API token).
   */
  readAlongSession: readonly unknown[] | null;
}

/**
 * A read that travels with the session lookup of every cookie-authenticated
 * request, in the same round trip. It runs after the session statement has
 * set `app.user_id` to the session's user, so row-level security scopes it
 * to that user (to nobody when the session is not live). Tenancy reads the
 * user's memberships this way: every request needs them, and a separate
 * round trip cost as much as the read itself.
 */
export interface SessionAlongRead {
  statement(db: Kysely<ApiTables>): Statement<unknown>;
}

/** The headers authentication reads. */
export interface CredentialHeaders {
  authorization?: string | undefined;
  cookie?: string | undefined;
}

/** Skip writing `last_used_at` more often than this. */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns a request's credentials into an Actor: a bearer API token wins over a
 * session cookie. A bearer credential that is not a live token is refused
 * outright (a CLI with a revoked token must hear so, not act anonymously); a
 * dead session cookie just leaves the request anonymous.
 */
export class Authenticator {
  private readonly tokens = new ApiTokenRepository();
  private readonly users = new UserRepository();
  private alongRead: SessionAlongRead | null = null;

  constructor(
    private readonly database: DatabaseService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Has `read` run with every session lookup; its rows land on
   * `RequestIdentity.readAlongSession`. One read at most, set at start-up.
   */
  readAlongWithSessions(read: SessionAlongRead): void {
    if (this.alongRead !== null) throw new Error('a read already travels with session lookups');
    this.alongRead = read;
  }

  /** Authenticates a request from its Authorization and Cookie headers. */
  async authenticate(headers: CredentialHeaders, now = new Date()): Promise<RequestIdentity> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (headers.authorization !== undefined && headers.authorization !== '') {
      if (bearer === undefined || !looksLikeApiToken(bearer)) {
        throw new Unauthenticated('Authorization header must be `Bearer tl_...`');
      }
      return {
        actor: await this.fromApiToken(bearer, now),
        sessionSecret: null,
        readAlongSession: null,
      };
    }
    const sessionSecret = readCookie(headers.cookie, SESSION_COOKIE);
    if (!sessionSecret) return { actor: null, sessionSecret: null, readAlongSession: null };
    return this.fromSession(sessionSecret, now);
  }

  private async fromApiToken(secret: string, now: Date): Promise<Actor> {
    return runIdentityTransaction(this.database, null, async ({ db }) => {
      const token = await this.tokens.findUsable(db, hashSecret(secret), now);
      const user = token && (await this.users.findById(db, token.userId));
      if (!token || !user) throw new Unauthenticated('API token is unknown, expired or revoked');
      if (
        token.lastUsedAt === null ||
        now.getTime() - token.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS
      ) {
        await this.tokens.markUsed(db, token.id, now);
      }
      return {
        userId: user.id,
        email: user.email,
        via: 'api_token',
        token: {
          id: token.id,
          organisationId: token.organisationId,
          roleCeiling: token.roleCeiling,
        },
      };
    });
  }

  private async fromSession(sessionSecret: string, now: Date): Promise<RequestIdentity> {
    let found: LiveSession | undefined;
    let readAlongSession: readonly unknown[] | null = null;
    if (this.alongRead === null) {
      found = await this.sessions.resolveWithEmail(
        identityReader(this.database),
        sessionSecret,
        now,
      );
    } else {
      const resolved = await this.sessions.resolveWithEmailAlong(
        this.database,
        sessionSecret,
        this.alongRead.statement(this.database.db),
        now,
      );
      found = resolved.found;
      readAlongSession = resolved.alongsideRows;
    }
    if (!found) return { actor: null, sessionSecret: null, readAlongSession: null };
    return {
      actor: {
        userId: found.session.userId,
        email: found.email,
        via: found.session.method === 'oidc' ? 'oidc' : 'session',
      },
      sessionSecret,
      readAlongSession,
    };
  }
}
