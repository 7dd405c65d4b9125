import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Statement } from '../../src/database/prepared-query.js';
import { SESSION_COOKIE, readCookie } from '../../src/identity/http/cookies.js';
import { identityReader } from '../../src/identity/identity-transactions.js';
import { hashSecret } from '../../src/identity/secret-token.js';
import { SessionRepository } from '../../src/identity/session/session-repository.js';
import { SessionService } from '../../src/identity/session/session-service.js';
import {
  membershipsFrom,
  sessionMembershipsStatement,
  type MembershipStatementRow,
} from '../../src/tenancy/access/access-statements.js';
import { tenancyDb } from '../../src/tenancy/tenancy-tables.js';
import { startApiServer, testBackends, type ApiServer } from '../support/api-server.js';
import { createModelOwner, type ModelOwner } from '../support/model-owner.js';

const backends = await testBackends();

for (const backend of backends) {
  describe.skipIf(!backend.isAvailable)(
    `memberships read along with the session lookup on ${backend.name}`,
    () => {
      let server: ApiServer;
      let alice: ModelOwner;
      let bob: ModelOwner;

      const secretOf = (owner: ModelOwner) => {
        const secret = readCookie(owner.headers['cookie'], SESSION_COOKIE);
        if (!secret) throw new Error('no session cookie');
        return secret;
      };
      const along = (): Statement<unknown> =>
        sessionMembershipsStatement(tenancyDb(server.database.db));
      const organisationsIn = (rows: readonly unknown[]) =>
        membershipsFrom(rows as MembershipStatementRow[]).map((row) => row.organisationId);

      /** The session statement and the memberships read, straight through readBatch (no application-side guard). */
      const directBatch = (secret: string, now: Date, idleCutoff: Date) =>
        server.database.readBatch({ userId: null, organisationIds: [] }, [
          new SessionRepository().liveWithEmailStatement(
            identityReader(server.database),
            hashSecret(secret),
            now,
            idleCutoff,
          ),
          along(),
        ]);

      beforeAll(async () => {
        server = await startApiServer(await backend.create());
        alice = await createModelOwner(server);
        bob = await createModelOwner(server);
      });
      afterAll(async () => server?.close());
      afterEach(() => vi.restoreAllMocks());

      it("reads exactly the session user's memberships", async () => {
        const sessions = server.app.get(SessionService);
        const forAlice = await sessions.resolveWithEmailAlong(
          server.database,
          secretOf(alice),
          along(),
        );
        expect(forAlice.found?.email).toMatch(/^owner-/);
        expect(organisationsIn(forAlice.alongsideRows)).toEqual([alice.organisationId]);
        const forBob = await sessions.resolveWithEmailAlong(
          server.database,
          secretOf(bob),
          along(),
        );
        expect(organisationsIn(forBob.alongsideRows)).toEqual([bob.organisationId]);
      });

      it('reads nothing in the database itself when the cookie names no live session', async () => {
        const now = new Date();
        const unknown = randomBytes(32).toString('base64url');
        expect(await directBatch(unknown, now, new Date(0))).toEqual([[], []]);
        // Alice's own session, past its absolute expiry, then idle for too long.
        const later = new Date(now.getTime() + 400 * 24 * 3600 * 1000);
        expect(await directBatch(secretOf(alice), later, new Date(0))).toEqual([[], []]);
        expect(await directBatch(secretOf(alice), now, now)).toEqual([[], []]);
        // The same pair with her live session does read her memberships.
        const [sessionRows, aliceRows] = await directBatch(secretOf(alice), now, new Date(0));
        expect(sessionRows).toHaveLength(1);
        expect(organisationsIn(aliceRows ?? [])).toEqual([alice.organisationId]);
      });

      it('leaves no user setting behind for the next statement on the connection', async () => {
        // Both statements on one connection, the second outside any transaction
        // and setting nothing itself: it sees what the lookup left behind.
        const leftOver = await identityReader(server.database)
          .connection()
          .execute(async (connection) => {
            const found = await new SessionRepository().findLiveWithEmail(
              connection,
              hashSecret(secretOf(alice)),
              new Date(),
              new Date(0),
            );
            expect(found).toBeDefined();
            const { rows } = await sql<{
              user_id: string | null;
            }>`select nullif(current_setting('app.user_id', true), '') as user_id`.execute(
              connection,
            );
            return rows[0]?.user_id;
          });
        expect(leftOver).toBeNull();
      });

      it('reads nothing for a session that was signed out', async () => {
        const carol = await createModelOwner(server);
        const signOut = await carol.graphql<{ signOut: boolean }>('mutation { signOut }');
        expect(signOut.errors).toBeUndefined();
        const afterSignOut = await server.app
          .get(SessionService)
          .resolveWithEmailAlong(server.database, secretOf(carol), along());
        expect(afterSignOut).toEqual({ found: undefined, alongsideRows: [] });
        expect(await directBatch(secretOf(carol), new Date(), new Date(0))).toEqual([[], []]);
        const answer = await carol.graphql('{ systems(first: 1) { edges { node { id } } } }');
        expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      });

      it('spends one database round trip on identity for a cookie-authenticated request', async () => {
        const batches = vi.spyOn(server.database, 'readBatch');
        const transactions = vi.spyOn(server.database, 'transaction');
        const answer = await alice.graphql<{ systems: { edges: { node: { id: string } }[] } }>(
          '{ systems(first: 10) { edges { node { id } } } }',
        );
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.systems.edges.map((edge) => edge.node.id)).toEqual([alice.systemId]);
        // The session lookup carried the memberships: one batch before any
        // organisation is known, and no separate read of the user's memberships
        // (a scope naming the user and no organisation), whatever the backend.
        const beforeOrganisation = batches.mock.calls.filter(
          ([scope]) => scope.organisationIds.length === 0,
        );
        expect(beforeOrganisation.map(([scope]) => scope.userId)).toEqual([null]);
        expect(
          transactions.mock.calls.filter(
            ([scope]) => scope.userId !== null && scope.organisationIds.length === 0,
          ),
        ).toEqual([]);
      });
    },
  );
}
