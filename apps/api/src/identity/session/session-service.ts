import type { IdentityConfig } from '../identity-config.js';
import { generateSecret, hashSecret } from '../secret-token.js';
import type { IdentityDb } from '../identity-tables.js';
import { csrfTokenFor } from './csrf-token.js';
import { SessionRepository, type SessionRecord } from './session-repository.js';

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
  ): Promise<{ session: SessionRecord; email: string } | undefined> {
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleTimeoutMs);
    const found = await this.sessions.findLiveWithEmail(db, hashSecret(secret), now, idleCutoff);
    if (found && now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(db, found.session.id, now);
    }
    return found;
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
