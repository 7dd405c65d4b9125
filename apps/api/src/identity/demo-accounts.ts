import type { AccountService } from './account/account-service.js';
import type { UserRecord } from './account/user-repository.js';

/** Email of the account `npm start` seeds for trying the product (GenomeWell's admin). */
export const DEMO_ACCOUNT_EMAIL = 'demo@threatloom.local';

/** Email of the second demo account, admin of the vendor organisation, for co-editing across organisations. */
export const VENDOR_DEMO_ACCOUNT_EMAIL = 'vendor@threatloom.local';

/** The accounts demo seeding creates. */
export type DemoAccountEmail = typeof DEMO_ACCOUNT_EMAIL | typeof VENDOR_DEMO_ACCOUNT_EMAIL;

/**
 * The demo accounts, created at demo seeding (SEED_DEMO) with the one password
 * from DEMO_ACCOUNT_PASSWORD (default `threatloom-demo`). Tenancy's demo
 * seeding calls `ensure()` to learn the user ids it makes members of the demo
 * organisations.
 */
export class DemoAccounts {
  private readonly pending = new Map<DemoAccountEmail, Promise<UserRecord>>();

  constructor(
    private readonly accounts: AccountService,
    private readonly password: string,
  ) {}

  /** Creates the account once (idempotent across restarts); resolves to it. */
  ensure(email: DemoAccountEmail): Promise<UserRecord> {
    const known = this.pending.get(email);
    if (known) return known;
    const created = this.accounts
      .ensurePasswordAccount(email, this.password)
      .catch((error: unknown) => {
        this.pending.delete(email);
        throw error;
      });
    this.pending.set(email, created);
    return created;
  }
}
