import type { AccountService } from './account/account-service.js';
import type { UserRecord } from './account/user-repository.js';

/** Email of the account `npm start` seeds for trying the product. */
export const DEMO_ACCOUNT_EMAIL = 'demo@threatloom.local';

/**
 * The demo account, created at demo seeding (SEED_DEMO) with the password from
 * DEMO_ACCOUNT_PASSWORD (default `threatloom-demo`). Tenancy's demo seeding calls
 * `ensure()` to learn the user id it makes a member of the demo organisation.
 */
export class DemoAccount {
  private pending: Promise<UserRecord> | undefined;

  constructor(
    private readonly accounts: AccountService,
    private readonly password: string,
  ) {}

  /** Creates the account once (idempotent across restarts); resolves to it. */
  ensure(): Promise<UserRecord> {
    this.pending ??= this.accounts
      .ensurePasswordAccount(DEMO_ACCOUNT_EMAIL, this.password)
      .catch((error: unknown) => {
        this.pending = undefined;
        throw error;
      });
    return this.pending;
  }
}
