import { randomUUID } from 'node:crypto';
import { Conflict, Forbidden } from '../../errors/app-error.js';
import type { DatabaseService } from '../../database/database.service.js';
import type { IdentityConfig } from '../identity-config.js';
import { runIdentityTransaction } from '../identity-transactions.js';
import { IdentityEventRecorder, NO_ORGANISATION } from '../events/identity-event-recorder.js';
import {
  unknownAccountStream,
  userStream,
  type SignInFailureReason,
} from '../events/identity-events.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../password/password-hasher.js';
import { SignInRateLimiter, signInBuckets } from '../rate-limit/sign-in-rate-limiter.js';
import { hashSecret } from '../secret-token.js';
import { SessionService, type OpenedSession } from '../session/session-service.js';
import { assertAcceptablePassword, normaliseEmail } from './credentials.js';
import { InvalidCredentials, TooManySignInAttempts } from './sign-in-errors.js';
import { UserRepository, type UserRecord } from './user-repository.js';

/** Where a sign-in request came from, for rate limiting and the audit trail. */
export interface ClientContext {
  address: string | null;
  correlationId?: string;
}

/** A signed-in user with the session to put into the cookie. */
export interface SignedInUser {
  user: UserRecord;
  opened: OpenedSession;
}

/** Registration, password sign-in and sign-out. */
export class AccountService {
  private readonly users = new UserRepository();
  private readonly rateLimiter: SignInRateLimiter;
  private readonly events: IdentityEventRecorder;

  constructor(
    private readonly database: DatabaseService,
    private readonly config: IdentityConfig,
    private readonly sessions: SessionService,
  ) {
    this.rateLimiter = new SignInRateLimiter(config);
    this.events = new IdentityEventRecorder(database.eventStore);
  }

  /** Creates a password account (when registration is open) and signs it in. */
  async signUp(email: string, password: string, client: ClientContext): Promise<SignedInUser> {
    if (!this.config.isRegistrationOpen)
      throw new Forbidden('Registration is closed on this server');
    const normalised = normaliseEmail(email);
    assertAcceptablePassword(password);
    const user: UserRecord = {
      id: randomUUID(),
      email: normalised,
      passwordHash: await hashPassword(password),
    };
    return runIdentityTransaction(this.database, user.id, async ({ db, transaction }) => {
      if (!(await this.users.insert(db, user))) {
        throw new Conflict('An account with this email already exists', {}, 'email');
      }
      const opened = await this.sessions.open(db, user.id, 'password');
      await this.events.record(
        transaction,
        userStream(user.id),
        [
          {
            type: 'UserRegistered',
            data: { userId: user.id, email: user.email, method: 'password' },
          },
          {
            type: 'SignedIn',
            data: {
              userId: user.id,
              sessionId: opened.session.id,
              method: 'password',
              address: client.address,
            },
          },
        ],
        { actor: user.id, organisation: NO_ORGANISATION, correlationId: client.correlationId },
      );
      return { user, opened };
    });
  }

  /**
   * Checks email and password. Unknown emails cost the same argon2id work as
   * wrong passwords and get the same answer; failures are recorded (and count
   * towards the rate limit) before the error is raised.
   */
  async signIn(email: string, password: string, client: ClientContext): Promise<SignedInUser> {
    const normalised = normaliseEmail(email);
    const emailHash = hashSecret(normalised);
    const buckets = signInBuckets(emailHash, client.address);

    const { decision, user } = await runIdentityTransaction(
      this.database,
      null,
      async ({ db }) => ({
        decision: await this.rateLimiter.check(db, buckets),
        user: await this.users.findByEmail(db, normalised),
      }),
    );

    const failure = await this.checkPassword(decision.isAllowed, user, password);

    if (failure !== null || user === undefined) {
      const reason = failure ?? 'unknown_account';
      await runIdentityTransaction(this.database, user?.id ?? null, async ({ db, transaction }) => {
        // A refused attempt is not counted again: otherwise a locked-out account could never recover.
        if (reason !== 'rate_limited') await this.rateLimiter.recordFailure(db, buckets);
        await this.events.record(
          transaction,
          user ? userStream(user.id) : unknownAccountStream(emailHash),
          [
            {
              type: 'SignInFailed',
              data: { userId: user?.id ?? null, emailHash, reason, address: client.address },
            },
          ],
          {
            actor: 'anonymous',
            organisation: NO_ORGANISATION,
            correlationId: client.correlationId,
          },
        );
      });
      throw reason === 'rate_limited'
        ? new TooManySignInAttempts(decision.retryAfterSeconds)
        : new InvalidCredentials();
    }

    return runIdentityTransaction(this.database, user.id, async ({ db, transaction }) => {
      await this.rateLimiter.recordSuccess(db, buckets);
      const opened = await this.sessions.open(db, user.id, 'password');
      await this.events.record(
        transaction,
        userStream(user.id),
        [
          {
            type: 'SignedIn',
            data: {
              userId: user.id,
              sessionId: opened.session.id,
              method: 'password',
              address: client.address,
            },
          },
        ],
        { actor: user.id, organisation: NO_ORGANISATION, correlationId: client.correlationId },
      );
      return { user, opened };
    });
  }

  /**
   * Why a sign-in fails, or null when the password is right. Every path but the
   * rate-limited one spends one argon2id verification, against a dummy hash
   * when there is no stored one, so timing does not reveal whether the account exists.
   */
  private async checkPassword(
    isAllowed: boolean,
    user: UserRecord | undefined,
    password: string,
  ): Promise<SignInFailureReason | null> {
    if (!isAllowed) return 'rate_limited';
    if (user === undefined) return verifyAgainstDummy(password).then(() => 'unknown_account');
    if (user.passwordHash === null)
      return verifyAgainstDummy(password).then(() => 'no_password_set');
    return (await verifyPassword(user.passwordHash, password)) ? null : 'wrong_password';
  }

  /** Ends the session behind the cookie secret; true when a live session ended. */
  async signOut(sessionSecret: string, client: ClientContext): Promise<boolean> {
    return runIdentityTransaction(this.database, null, async ({ db, transaction }) => {
      const ended = await this.sessions.end(db, sessionSecret);
      if (ended === undefined) return false;
      await this.events.record(
        transaction,
        userStream(ended.userId),
        [{ type: 'SignedOut', data: { userId: ended.userId, sessionId: ended.sessionId } }],
        { actor: ended.userId, organisation: NO_ORGANISATION, correlationId: client.correlationId },
      );
      return true;
    });
  }

  /**
   * Creates the account if it does not exist yet, or sets its password; used
   * for the demo accounts. Emits UserRegistered only when the account is new.
   */
  async ensurePasswordAccount(email: string, password: string): Promise<UserRecord> {
    const normalised = normaliseEmail(email);
    assertAcceptablePassword(password);
    const passwordHash = await hashPassword(password);
    return runIdentityTransaction(this.database, null, async ({ db, transaction }) => {
      const existing = await this.users.findByEmail(db, normalised);
      if (existing) {
        if (
          existing.passwordHash !== null &&
          (await verifyPassword(existing.passwordHash, password))
        )
          return existing;
        await this.users.setPasswordHash(db, existing.id, passwordHash);
        return { ...existing, passwordHash };
      }
      const user: UserRecord = { id: randomUUID(), email: normalised, passwordHash };
      if (!(await this.users.insert(db, user))) {
        // A second server starting on the same database created it after the
        // lookup above; its row is the account, not the id made up here.
        const created = await this.users.findByEmail(db, normalised);
        if (created) return created;
        throw new Error(`the account ${normalised} was neither inserted nor found`);
      }
      await this.events.record(
        transaction,
        userStream(user.id),
        [
          {
            type: 'UserRegistered',
            data: { userId: user.id, email: user.email, method: 'password' },
          },
        ],
        { actor: 'system', organisation: NO_ORGANISATION },
      );
      return user;
    });
  }
}
