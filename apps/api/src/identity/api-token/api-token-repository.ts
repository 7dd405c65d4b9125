import type { RoleCeiling } from '../actor.js';
import type { IdentityDb } from '../identity-tables.js';

/** A personal API token as stored: never the secret, only its hash. */
export interface ApiTokenRecord {
  id: string;
  userId: string;
  organisationId: string;
  roleCeiling: RoleCeiling;
  name: string;
  displayPrefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

type ApiTokenRow = {
  id: string;
  user_id: string;
  organisation_id: string;
  role_ceiling: RoleCeiling;
  name: string;
  display_prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const columns = [
  'id',
  'user_id',
  'organisation_id',
  'role_ceiling',
  'name',
  'display_prefix',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
] as const;

function toRecord(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    roleCeiling: row.role_ceiling,
    name: row.name,
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** SQL for the api_tokens table. */
export class ApiTokenRepository {
  /** Stores a token by the hash of its secret. */
  async insert(db: IdentityDb, token: ApiTokenRecord, secretHash: string): Promise<void> {
    await db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        user_id: token.userId,
        organisation_id: token.organisationId,
        role_ceiling: token.roleCeiling,
        name: token.name,
        secret_hash: secretHash,
        display_prefix: token.displayPrefix,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
  }

  /** The token with this secret hash, if it is neither revoked nor expired. */
  async findUsable(
    db: IdentityDb,
    secretHash: string,
    now: Date,
  ): Promise<ApiTokenRecord | undefined> {
    const row = await db
      .selectFrom('api_tokens')
      .select(columns)
      .where('secret_hash', '=', secretHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** A page of a user's tokens, newest first, after the (createdAt, id) key of the previous page. */
  async pageForUser(
    db: IdentityDb,
    userId: string,
    limit: number,
    after: { createdAt: Date; id: string } | null,
  ): Promise<ApiTokenRecord[]> {
    let query = db
      .selectFrom('api_tokens')
      .select(columns)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (after !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return (await query.execute()).map(toRecord);
  }

  /** How many tokens a user has (live or not). */
  async countForUser(db: IdentityDb, userId: string): Promise<number> {
    const row = await db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    // count(*) is a string on pg and a number on PGlite.
    return Number(row.count);
  }

  /** A user's own token by id. */
  async findForUser(
    db: IdentityDb,
    id: string,
    userId: string,
  ): Promise<ApiTokenRecord | undefined> {
    const row = await db
      .selectFrom('api_tokens')
      .select(columns)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Revokes a user's own token; returns it when it was live before. */
  async revoke(
    db: IdentityDb,
    id: string,
    userId: string,
    now: Date,
  ): Promise<ApiTokenRecord | undefined> {
    const row = await db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning(columns)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Records that the token authenticated a request. */
  async markUsed(db: IdentityDb, id: string, now: Date): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
