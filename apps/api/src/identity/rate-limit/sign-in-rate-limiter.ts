import type { IdentityConfig } from '../identity-config.js';
import type { IdentityDb } from '../identity-tables.js';
import { SignInFailureRepository } from './sign-in-failure-repository.js';
import { decideWindow, type WindowDecision } from './sliding-window.js';

/** The two buckets one sign-in attempt counts against. */
export interface SignInBuckets {
  account: string;
  address: string | null;
}

/** Buckets for an attempt: per target email (hashed) and per client address. */
export function signInBuckets(emailHash: string, address: string | null): SignInBuckets {
  return {
    account: `account:${emailHash}`,
    address: address === null ? null : `address:${address}`,
  };
}

/**
 * Sliding-window limit on failed sign-ins, kept in the database so every
 * replica sees the same counts.
 */
export class SignInRateLimiter {
  constructor(
    private readonly config: IdentityConfig,
    private readonly failures = new SignInFailureRepository(),
  ) {}

  /** Whether another attempt is allowed now for both buckets. */
  async check(db: IdentityDb, buckets: SignInBuckets, now = new Date()): Promise<WindowDecision> {
    const { perAccount, perAddress, windowMs } = this.config.signInRateLimit;
    const names = [buckets.account, ...(buckets.address === null ? [] : [buckets.address])];
    const recorded = await this.failures.failuresSince(
      db,
      names,
      new Date(now.getTime() - windowMs),
    );
    const decisions = [
      decideWindow(recorded.get(buckets.account) ?? [], perAccount, windowMs, now),
    ];
    if (buckets.address !== null) {
      decisions.push(decideWindow(recorded.get(buckets.address) ?? [], perAddress, windowMs, now));
    }
    const refused = decisions.filter((decision) => !decision.isAllowed);
    if (refused.length === 0) return { isAllowed: true, retryAfterSeconds: 0 };
    return {
      isAllowed: false,
      retryAfterSeconds: Math.max(...refused.map((decision) => decision.retryAfterSeconds)),
    };
  }

  /** Counts a failed attempt against both buckets and drops failures older than the window. */
  async recordFailure(db: IdentityDb, buckets: SignInBuckets, now = new Date()): Promise<void> {
    await this.failures.record(
      db,
      [buckets.account, ...(buckets.address === null ? [] : [buckets.address])],
      now,
    );
    await this.failures.pruneBefore(
      db,
      new Date(now.getTime() - this.config.signInRateLimit.windowMs),
    );
  }

  /** A successful sign-in clears the account's failures (the address keeps its count). */
  async recordSuccess(db: IdentityDb, buckets: SignInBuckets): Promise<void> {
    await this.failures.clear(db, buckets.account);
  }
}
