import { sql, type CompiledQuery } from 'kysely';
import { statementTemplate } from '../../database/statement-template.js';
import type { IdentityDb } from '../identity-tables.js';

/** A server-side session row; the id is the SHA-256 of the cookie secret. */
export interface SessionRecord {
  id: string;
  userId: string;
  method: 'password' | 'oidc';
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * The live session with its user's email. It also sets the transaction-local
 * `app.user_id` to the session's user, so a read that follows it in the same
 * transaction is scoped by row-level security to that user, and to nobody when
 * the session is not live (no row, no setting). Run on its own, the setting
 * ends with the statement's implicit transaction.
 */
const liveSessionTemplate = statementTemplate(
  (db: IdentityDb, id: string, now: Date, idleCutoff: Date) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id',
        'sessions.user_id',
        'sessions.method',
        'sessions.created_at',
        'sessions.last_seen_at',
        'sessions.expires_at',
        'users.email',
        sql<string>`set_config('app.user_id', ${sql.ref('sessions.user_id')}::text, true)`.as(
          'scoped_user_id',
        ),
      ])
      .where('sessions.id', '=', id)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('sessions.last_seen_at', '>', idleCutoff),
);

/** A row of the live-session statement. */
export type LiveSessionRow =
  ReturnType<typeof liveSessionTemplate> extends CompiledQuery<infer Row> ? Row : never;

/** A live session with its user's email, as the request path reads it. */
export interface LiveSession {
  session: SessionRecord;
  email: string;
}

/** SQL for the sessions table. */
export class SessionRepository {
  /** Stores a new session. */
  async insert(db: IdentityDb, session: SessionRecord): Promise<void> {
    await db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        method: session.method,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  /** The session if it is neither revoked, expired, nor idle since before `idleCutoff`. */
  async findLive(
    db: IdentityDb,
    id: string,
    now: Date,
    idleCutoff: Date,
  ): Promise<SessionRecord | undefined> {
    const row = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleCutoff)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        method: row.method,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      }
    );
  }

  /**
   * The live session (as findLive) together with its user's email, in one
   * statement: authentication runs on every request, so it reads both at once.
   */
  async findLiveWithEmail(
    db: IdentityDb,
    id: string,
    now: Date,
    idleCutoff: Date,
  ): Promise<LiveSession | undefined> {
    const { rows } = await db.executeQuery(this.liveWithEmailStatement(db, id, now, idleCutoff));
    return this.liveSessionFrom(rows);
  }

  /**
   * findLiveWithEmail as a statement, for a read batch: prepared and compiled
   * once, as every authenticated request runs it. It sets `app.user_id` to the
   * session's user for the rest of its transaction (see liveSessionTemplate).
   */
  liveWithEmailStatement(db: IdentityDb, id: string, now: Date, idleCutoff: Date) {
    return liveSessionTemplate(db, id, now, idleCutoff);
  }

  /** The live session in the rows of liveWithEmailStatement, if any. */
  liveSessionFrom(rows: readonly LiveSessionRow[]): LiveSession | undefined {
    const [row] = rows;
    return (
      row && {
        session: {
          id: row.id,
          userId: row.user_id,
          method: row.method,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
        },
        email: row.email,
      }
    );
  }

  /** Records activity, which pushes the idle deadline forward. */
  async touch(db: IdentityDb, id: string, now: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  /** Ends a session; returns the owner when a live session was revoked. */
  async revoke(db: IdentityDb, id: string, now: Date): Promise<string | undefined> {
    const row = await db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }
}
