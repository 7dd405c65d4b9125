import type { RawBuilder } from 'kysely';

/**
 * Anything a raw query can run on: a `Kysely` instance or a caller's
 * `Transaction`, whatever its table types.
 */
export type SqlExecutor = Parameters<RawBuilder<unknown>['execute']>[0];
