import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_EMAIL } from '../../src/identity/demo-accounts.js';
import { IDENTITY_CONFIG } from '../../src/identity/identity.tokens.js';
import type { IdentityConfig } from '../../src/identity/identity-config.js';
import { runIdentityTransaction } from '../../src/identity/identity-transactions.js';
import { SessionService } from '../../src/identity/session/session-service.js';
import { SessionSweeper } from '../../src/identity/session/session-sweeper.js';
import { CookieBrowser } from './support/cookie-browser.js';
import { startTestServer, type TestServer } from './support/identity-test-server.js';
import { eventTypesOf, signIn, signUp, uniqueEmail } from './support/identity-operations.js';

const minutes = (count: number) => count * 60_000;

describe('session lifetime and the demo account', () => {
  let server: TestServer;
  let sessions: SessionService;
  let userId: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', {
      SESSION_IDLE_TIMEOUT_MINUTES: '30',
      SESSION_ABSOLUTE_TIMEOUT_MINUTES: '120',
      SEED_DEMO: 'true',
    });
    sessions = new SessionService(server.app.get<IdentityConfig>(IDENTITY_CONFIG));
    const signedUp = await signUp(
      new CookieBrowser(),
      server,
      uniqueEmail('lifetime'),
      'correct horse battery staple',
    );
    userId = signedUp.data?.signUp.user.id ?? '';
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Opens a session at `openedAt` and asks for it at each later time, in order. */
  async function resolveAt(openedAt: Date, askedAt: readonly Date[]): Promise<boolean[]> {
    return runIdentityTransaction(server.database, null, async ({ db }) => {
      const opened = await sessions.open(db, userId, 'password', openedAt);
      const answers: boolean[] = [];
      for (const time of askedAt)
        answers.push((await sessions.resolve(db, opened.secret, time)) !== undefined);
      return answers;
    });
  }

  it('ends a session left idle longer than the idle timeout', async () => {
    const openedAt = new Date();
    expect(await resolveAt(openedAt, [new Date(openedAt.getTime() + minutes(31))])).toEqual([
      false,
    ]);
  });

  it('keeps a session alive while it is used within the idle timeout', async () => {
    const openedAt = new Date();
    const times = [20, 40, 60].map((offset) => new Date(openedAt.getTime() + minutes(offset)));
    expect(await resolveAt(openedAt, times)).toEqual([true, true, true]);
  });

  it('ends even a busy session at the absolute timeout', async () => {
    const openedAt = new Date();
    const times = [25, 50, 75, 100, 121].map(
      (offset) => new Date(openedAt.getTime() + minutes(offset)),
    );
    expect(await resolveAt(openedAt, times)).toEqual([true, true, true, true, false]);
  });

  it('deletes expired, idle and signed-out sessions and keeps live ones', async () => {
    const now = new Date();
    const opened = await runIdentityTransaction(server.database, null, async ({ db }) => {
      const live = await sessions.open(db, userId, 'password', now);
      const idle = await sessions.open(
        db,
        userId,
        'password',
        new Date(now.getTime() - minutes(40)),
      );
      const signedOut = await sessions.open(db, userId, 'password', now);
      await sessions.end(db, signedOut.secret, now);
      const expired = await sessions.open(db, userId, 'password', now);
      await db
        .updateTable('sessions')
        .set({ expires_at: new Date(now.getTime() - minutes(1)) })
        .where('id', '=', expired.session.id)
        .execute();
      return { live, idle, signedOut, expired };
    });

    const deleted = await server.app.get(SessionSweeper).sweep(now);

    expect(deleted).toBeGreaterThanOrEqual(3);
    const remaining = await runIdentityTransaction(server.database, null, ({ db }) =>
      db
        .selectFrom('sessions')
        .select('id')
        .where(
          'id',
          'in',
          [opened.live, opened.idle, opened.signedOut, opened.expired].map(
            (each) => each.session.id,
          ),
        )
        .execute(),
    );
    expect(remaining.map((row) => row.id)).toEqual([opened.live.session.id]);
    const stillLive = await runIdentityTransaction(server.database, null, ({ db }) =>
      sessions.resolve(db, opened.live.secret, now),
    );
    expect(stillLive?.id).toBe(opened.live.session.id);
  });

  it('seeds the demo account with the documented password when demo seeding is on', async () => {
    // When someone signs in with the documented demo credentials
    const answer = await signIn(new CookieBrowser(), server, DEMO_ACCOUNT_EMAIL, 'threatloom-demo');

    // Then they are in, and the account was registered exactly once
    expect(answer.errors).toBeUndefined();
    const userId = answer.data?.signIn.user.id;
    expect(
      (await eventTypesOf(server, `user-${userId}`)).filter((type) => type === 'UserRegistered'),
    ).toHaveLength(1);
  });
});
