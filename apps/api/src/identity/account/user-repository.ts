import type { IdentityDb } from '../identity-tables.js';

/** A stored account. */
export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string | null;
}

/** SQL for the users table. */
export class UserRepository {
  /** Finds an account by its normalised email. */
  async findByEmail(db: IdentityDb, email: string): Promise<UserRecord | undefined> {
    const row = await db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirst();
    return row && { id: row.id, email: row.email, passwordHash: row.password_hash };
  }

  /** Finds an account by id. */
  async findById(db: IdentityDb, id: string): Promise<UserRecord | undefined> {
    const row = await db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { id: row.id, email: row.email, passwordHash: row.password_hash };
  }

  /** Inserts an account; returns false when the email is already taken. */
  async insert(db: IdentityDb, user: UserRecord): Promise<boolean> {
    const result = await db
      .insertInto('users')
      .values({ id: user.id, email: user.email, password_hash: user.passwordHash })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Sets the password of an account that has none yet or is being reset. */
  async setPasswordHash(db: IdentityDb, id: string, passwordHash: string): Promise<void> {
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
  }
}
