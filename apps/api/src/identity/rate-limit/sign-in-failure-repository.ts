import { randomUUID } from 'node:crypto';
import type { IdentityDb } from '../identity-tables.js';

/** SQL for the sign_in_failures table, the shared memory of the sign-in rate limit. */
export class SignInFailureRepository {
  /** Records one failed sign-in in each bucket. */
  async record(db: IdentityDb, buckets: readonly string[], now: Date): Promise<void> {
    if (buckets.length === 0) return;
    await db
      .insertInto('sign_in_failures')
      .values(buckets.map((bucket) => ({ id: randomUUID(), bucket, failed_at: now })))
      .execute();
  }

  /** Failure times per bucket since `since`, oldest first. */
  async failuresSince(
    db: IdentityDb,
    buckets: readonly string[],
    since: Date,
  ): Promise<Map<string, Date[]>> {
    const byBucket = new Map<string, Date[]>(buckets.map((bucket) => [bucket, []]));
    if (buckets.length === 0) return byBucket;
    const rows = await db
      .selectFrom('sign_in_failures')
      .select(['bucket', 'failed_at'])
      .where('bucket', 'in', buckets)
      .where('failed_at', '>', since)
      .orderBy('failed_at', 'asc')
      .execute();
    for (const row of rows) byBucket.get(row.bucket)?.push(new Date(row.failed_at));
    return byBucket;
  }

  /** Forgets failures that have left the window, so the table stays small. */
  async pruneBefore(db: IdentityDb, before: Date): Promise<void> {
    await db.deleteFrom('sign_in_failures').where('failed_at', '<=', before).execute();
  }

  /** Clears a bucket, e.g. an account's failures after it signs in successfully. */
  async clear(db: IdentityDb, bucket: string): Promise<void> {
    await db.deleteFrom('sign_in_failures').where('bucket', '=', bucket).execute();
  }
}
