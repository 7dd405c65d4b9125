/**
 * Who a database transaction runs for. DatabaseService.transaction copies it into
 * the transaction-local settings `app.user_id` and `app.org_ids`, which the
 * row-level-security policies read (unset or empty = sees nothing).
 */
export interface TransactionScope {
  userId: string | null;
  organisationIds: readonly string[];
}
