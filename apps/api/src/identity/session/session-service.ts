import type { IdentityConfig } from '../identity-config.js';
import { generateSecret, hashSecret } from '../secret-token.js';
import type { IdentityDb } from '../identity-tables.js';
import { csrfTokenFor } from './csrf-token.js';
import type { DatabaseService } from '../../database/database.service.js';
import type { Statement } from '../../database/prepared-query.js';
import { identityReader } from '../identity-transactions.js';
import {
  SessionRepository,
  type LiveSession,
  type LiveSessionRow,
  type SessionRecord,
} from './session-repository.js';

/** A session just opened: the secret goes into the cookie and is never stored. */
export interface OpenedSession {
  session: SessionRecord;
  secret: string;
  csrfToken: string;
}

/** Skip writing `last_seen_at` more often than this; the idle timeout is minutes long. */
const TOUCH_INTERVAL_MS = 60_000;

/** Opens, resolves and ends server-side sessions. */
export class SessionService {
  constructor(
    private readonly config: IdentityConfig,
    private readonly sessions = new SessionRepository(),
  ) {}

  /** Opens a session for a user who just proved who they are. */
  async open(
    db: IdentityDb,
    userId: string,
    method: SessionRecord['method'],
    now = new Date(),
  ): Promise<OpenedSession> {
    const secret = generateSecret();
    const session: SessionRecord = {
      id: hashSecret(secret),
      userId,
      method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteTimeoutMs),
    };
    await this.sessions.insert(db, session);
    return { session, secret, csrfToken: csrfTokenFor(secret) };
  }

  /** The live session behind a cookie secret, recording activity; undefined when over. */
  async resolve(
    db: IdentityDb,
    secret: string,
    now = new Date(),
  ): Promise<SessionRecord | undefined> {
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleTimeoutMs);
    const session = await this.sessions.findLive(db, hashSecret(secret), now, idleCutoff);
    if (session && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(db, session.id, now);
    }
    return session;
  }

  /**
   * Like `resolve`, with the owner's email read in the same statement; the
   * request path calls it on every request (revocation applies at once, as
   * nothing is cached).
   */
  async resolveWithEmail(
    db: IdentityDb,
    secret: string,
    now = new Date(),
  ): Promise<LiveSession | undefined> {
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleTimeoutMs);
    const found = await this.sessions.findLiveWithEmail(db, hashSecret(secret), now, idleCutoff);
    await this.touchWhenDue(db, found, now);
    return found;
  }

  /**
   * `resolveWithEmail` with `alongside`, another read, in the same round trip:
   * one read-only transaction in which the session statement sets
   * `app.user_id` to the session's user, so row-level security scopes
   * `alongside` to that user, and to nobody when the session is not live.
   * Returns the live session, if any, and the rows of `alongside` (none
   * without a live session).
   */
  async resolveWithEmailAlong(
    database: DatabaseService,
    secret: string,
    alongside: Statement<unknown>,
    now = new Date(),
  ): Promise<{ found: LiveSession | undefined; alongsideRows: unknown[] }> {
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleTimeoutMs);
    const db = identityReader(database);
    const [sessionRows = [], alongsideRows = []] = await database.readBatch(
      { userId: null, organisationIds: [] },
      [this.sessions.liveWithEmailStatement(db, hashSecret(secret), now, idleCutoff), alongside],
    );
    const found = this.sessions.liveSessionFrom(sessionRows as LiveSessionRow[]);
    await this.touchWhenDue(db, found, now);
    return { found, alongsideRows: found === undefined ? [] : alongsideRows };
  }

  /** Records activity on a live session, at most once per TOUCH_INTERVAL_MS. */
  private async touchWhenDue(
    db: IdentityDb,
    found: LiveSession | undefined,
    now: Date,
  ): Promise<void> {
    if (found && now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(db, found.session.id, now);
    }
  }

  /** Ends the session behind a cookie secret; returns its owner when it was live. */
  async end(
    db: IdentityDb,
    secret: string,
    now = new Date(),
  ): Promise<{ userId: string; sessionId: string } | undefined> {
    const sessionId = hashSecret(secret);
    const userId = await this.sessions.revoke(db, sessionId, now);
    return userId === undefined ? undefined : { userId, sessionId };
  }

  /** Seconds the session cookie should live: until the absolute expiry. */
  cookieMaxAgeSeconds(session: SessionRecord, now = new Date()): number {
    return Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000);
  }
}
