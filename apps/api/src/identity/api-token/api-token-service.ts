import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Forbidden, NotFound, ValidationError } from '../../errors/app-error.js';
import { toAppError } from '../../errors/to-app-error.js';
import type { DatabaseService } from '../../database/database.service.js';
import { ROLE_CEILINGS, type Actor } from '../actor.js';
import { IdentityEventRecorder } from '../events/identity-event-recorder.js';
import { userStream } from '../events/identity-events.js';
import { runIdentityTransaction } from '../identity-transactions.js';
import { ApiTokenRepository, type ApiTokenRecord } from './api-token-repository.js';
import { mintApiToken } from './api-token-secret.js';

/** Input of createApiToken, validated at the edge. */
export const createApiTokenInputSchema = z.object({
  organisationId: z.uuid({ error: 'expected an organisation id (uuid)' }),
  roleCeiling: z.enum(ROLE_CEILINGS, { error: `expected one of ${ROLE_CEILINGS.join(', ')}` }),
  name: z
    .string()
    .trim()
    .min(1, { error: 'expected a name' })
    .max(100, { error: 'expected at most 100 characters' }),
  // GraphQL's DateTime scalar hands an unparseable string on as an Invalid Date.
  expiresAt: z
    .date({ error: 'expected an ISO 8601 date-time, such as 2027-01-31T00:00:00Z' })
    .nullable()
    .optional(),
});

/** Validated input of createApiToken. */
export type CreateApiTokenInput = z.infer<typeof createApiTokenInputSchema>;

/** A token just created: the only time its secret is ever returned. */
export interface CreatedApiToken {
  token: ApiTokenRecord;
  secret: string;
}

/**
 * Throws (NotFound) unless the caller is a member of the organisation. The
 * resolver passes tenancy's access check, so membership is decided in one place.
 */
export type OrganisationMembershipCheck = (organisationId: string) => void | Promise<void>;

/** Creation, listing and revocation of personal API tokens. */
export class ApiTokenService {
  private readonly tokens = new ApiTokenRepository();
  private readonly events: IdentityEventRecorder;

  constructor(private readonly database: DatabaseService) {
    this.events = new IdentityEventRecorder(database.eventStore);
  }

  /** Creates a token for the actor; the secret is returned once and only its hash is stored. */
  async create(
    actor: Actor,
    rawInput: unknown,
    requireMembership: OrganisationMembershipCheck,
    correlationId?: string,
    now = new Date(),
  ): Promise<CreatedApiToken> {
    if (actor.via === 'api_token') {
      // A token minting tokens could outlive its own revocation or lift its ceiling.
      throw new Forbidden('API tokens can only be created from a signed-in session');
    }
    const parsed = createApiTokenInputSchema.safeParse(rawInput);
    if (!parsed.success) throw toAppError(parsed.error) ?? parsed.error;
    const input = parsed.data;
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
      throw new ValidationError('input.expiresAt', 'a time in the future');
    }
    await requireMembership(input.organisationId);
    const minted = mintApiToken();
    const token: ApiTokenRecord = {
      id: randomUUID(),
      userId: actor.userId,
      organisationId: input.organisationId,
      roleCeiling: input.roleCeiling,
      name: input.name,
      displayPrefix: minted.displayPrefix,
      createdAt: now,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
    };
    await runIdentityTransaction(this.database, actor.userId, async ({ db, transaction }) => {
      await this.tokens.insert(db, token, minted.secretHash);
      await this.events.record(
        transaction,
        userStream(actor.userId),
        [
          {
            type: 'ApiTokenCreated',
            data: {
              userId: actor.userId,
              tokenId: token.id,
              organisationId: token.organisationId,
              roleCeiling: token.roleCeiling,
              name: token.name,
              displayPrefix: token.displayPrefix,
              expiresAt: token.expiresAt?.toISOString() ?? null,
            },
          },
        ],
        { actor: actor.userId, organisation: token.organisationId, correlationId },
      );
    });
    return { token, secret: minted.secret };
  }

  /** A page of the actor's own tokens, newest first (never their secrets). */
  async page(
    actor: Actor,
    limit: number,
    after: { createdAt: Date; id: string } | null,
  ): Promise<{ rows: ApiTokenRecord[]; totalCount: number }> {
    return runIdentityTransaction(this.database, actor.userId, async ({ db }) => ({
      rows: await this.tokens.pageForUser(db, actor.userId, limit, after),
      totalCount: await this.tokens.countForUser(db, actor.userId),
    }));
  }

  /** Revokes one of the actor's tokens; the next request with it is refused. Revoking twice is a no-op. */
  async revoke(
    actor: Actor,
    tokenId: string,
    correlationId?: string,
    now = new Date(),
  ): Promise<ApiTokenRecord> {
    if (!z.uuid().safeParse(tokenId).success) throw new NotFound('API token', tokenId, 'id');
    return runIdentityTransaction(this.database, actor.userId, async ({ db, transaction }) => {
      const revoked = await this.tokens.revoke(db, tokenId, actor.userId, now);
      if (revoked === undefined) {
        const existing = await this.tokens.findForUser(db, tokenId, actor.userId);
        if (existing === undefined) throw new NotFound('API token', tokenId, 'id');
        return existing;
      }
      await this.events.record(
        transaction,
        userStream(actor.userId),
        [{ type: 'ApiTokenRevoked', data: { userId: actor.userId, tokenId } }],
        { actor: actor.userId, organisation: revoked.organisationId, correlationId },
      );
      return revoked;
    });
  }
}
