import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../../access/request-scope.js';
import { Scope } from '../../access/scope.decorator.js';
import { Unauthenticated } from '../../errors/app-error.js';
import { requireOrganisation } from '../../tenancy/access/organisation-access.js';
import { PageArgsInput } from '../../graphql/page-args.js';
import { pageCost } from '../../graphql/page-cost.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../graphql/pagination.js';
import { AccountService, type SignedInUser } from '../account/account-service.js';
import { TooManySignInAttempts } from '../account/sign-in-errors.js';
import type { Actor } from '../actor.js';
import { ApiTokenService } from '../api-token/api-token-service.js';
import type { ApiTokenRecord } from '../api-token/api-token-repository.js';
import { actorOf, sessionSecretOf } from '../authentication/request-identity.js';
import { SESSION_COOKIE, expiredCookie, serializeCookie } from '../http/cookies.js';
import { clientContextOf, requestOf, type HttpGraphQLContext } from '../http/request-context.js';
import { IDENTITY_CONFIG, MAX_PAGE_SIZE } from '../identity.tokens.js';
import type { IdentityConfig } from '../identity-config.js';
import { csrfTokenFor } from '../session/csrf-token.js';
import { SessionService } from '../session/session-service.js';
import {
  ApiToken,
  ApiTokenConnection,
  CreateApiTokenInput,
  CreatedApiToken,
  Me,
  SignInPayload,
} from './identity.types.js';

function requireActor(context: HttpGraphQLContext): Actor {
  const actor = actorOf(requestOf(context));
  if (actor === null) throw new Unauthenticated();
  return actor;
}

function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id,
    name: record.name,
    organisationId: record.organisationId,
    roleCeiling: record.roleCeiling,
    displayPrefix: record.displayPrefix,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
  };
}

/** Accounts, sessions and API tokens over GraphQL; cookies travel on the HTTP response. */
@Resolver()
export class IdentityResolver {
  constructor(
    @Inject(AccountService) private readonly accounts: AccountService,
    @Inject(ApiTokenService) private readonly tokens: ApiTokenService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(MAX_PAGE_SIZE) private readonly maxPageSize: number,
  ) {}

  /** The caller, or null when the request is anonymous. */
  @Query(() => Me, {
    nullable: true,
    description: 'The caller, or null when the request is anonymous.',
  })
  me(@Context() context: HttpGraphQLContext): Me | null {
    const actor = actorOf(requestOf(context));
    if (actor === null) return null;
    return {
      user: { id: actor.userId, email: actor.email },
      authenticatedVia: actor.via,
      tokenOrganisationId: actor.token?.organisationId ?? null,
      tokenRoleCeiling: actor.token?.roleCeiling ?? null,
    };
  }

  /** The CSRF token of the caller's session; null unless a session cookie authenticated the request. */
  @Query(() => String, {
    nullable: true,
    description:
      "The session's CSRF token (send it as x-csrf-token); null without a session cookie.",
  })
  csrfToken(@Context() context: HttpGraphQLContext): string | null {
    const secret = sessionSecretOf(requestOf(context));
    return secret === null ? null : csrfTokenFor(secret);
  }

  /** Creates a password account and signs it in (when open registration is on). */
  @Mutation(() => SignInPayload, { description: 'Creates a password account and signs it in.' })
  async signUp(
    @Context() context: HttpGraphQLContext,
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
  ): Promise<SignInPayload> {
    const signedIn = await this.accounts.signUp(
      email,
      password,
      clientContextOf(requestOf(context)),
    );
    return this.startSession(context, signedIn);
  }

  /** Signs in with email and password; sets the session cookie. */
  @Mutation(() => SignInPayload, {
    description: 'Signs in with email and password; sets the session cookie.',
  })
  async signIn(
    @Context() context: HttpGraphQLContext,
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
  ): Promise<SignInPayload> {
    try {
      const signedIn = await this.accounts.signIn(
        email,
        password,
        clientContextOf(requestOf(context)),
      );
      return await this.startSession(context, signedIn);
    } catch (error) {
      if (error instanceof TooManySignInAttempts) {
        context.reply.header('retry-after', String(error.retryAfterSeconds));
      }
      throw error;
    }
  }

  /** Ends the session of the cookie; the cookie stops working at once. */
  @Mutation(() => Boolean, {
    description: 'Ends the current session; true when a session was ended.',
  })
  async signOut(@Context() context: HttpGraphQLContext): Promise<boolean> {
    const request = requestOf(context);
    const secret = sessionSecretOf(request);
    context.reply.header(
      'set-cookie',
      expiredCookie(SESSION_COOKIE, this.config.isSessionCookieSecure),
    );
    if (secret === null) return false;
    return this.accounts.signOut(secret, clientContextOf(request));
  }

  /** Creates a personal API token; the secret is in the answer and nowhere else. */
  @Mutation(() => CreatedApiToken, {
    description: 'Creates a personal API token; its secret is shown only here.',
  })
  async createApiToken(
    @Context() context: HttpGraphQLContext,
    @Scope() scope: RequestScope,
    @Args('input', { type: () => CreateApiTokenInput }) input: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    const actor = requireActor(context);
    const created = await this.tokens.create(
      actor,
      input,
      (organisationId) => {
        requireOrganisation(scope, organisationId, 'Mutation.createApiToken');
      },
      requestOf(context).id,
    );
    return { secret: created.secret, apiToken: toApiToken(created.token) };
  }

  /** Revokes one of the caller's API tokens; the next request with it is refused. */
  @Mutation(() => ApiToken, { description: "Revokes one of the caller's API tokens." })
  async revokeApiToken(
    @Context() context: HttpGraphQLContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiToken> {
    const actor = requireActor(context);
    return toApiToken(await this.tokens.revoke(actor, id, requestOf(context).id));
  }

  /** A page of the caller's API tokens, newest first. */
  @Query(() => ApiTokenConnection, {
    complexity: pageCost,
    description: "The caller's API tokens, newest first.",
  })
  async apiTokens(
    @Context() context: HttpGraphQLContext,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ApiToken>> {
    const actor = requireActor(context);
    const size = pageSize(page.first, this.maxPageSize);
    const after = page.after ? decodeCursor(page.after, 2) : null;
    const { rows, totalCount } = await this.tokens.page(
      actor,
      size + 1,
      after === null ? null : { createdAt: new Date(String(after[0])), id: String(after[1]) },
    );
    return toConnection(
      rows,
      size,
      totalCount,
      (row) => encodeCursor([row.createdAt.toISOString(), row.id]),
      toApiToken,
    );
  }

  private async startSession(
    context: HttpGraphQLContext,
    signedIn: SignedInUser,
  ): Promise<SignInPayload> {
    // Signing in again replaces the browser's session rather than leaving the old one alive.
    const request = requestOf(context);
    const previousSecret = sessionSecretOf(request);
    if (previousSecret !== null)
      await this.accounts.signOut(previousSecret, clientContextOf(request));
    const { session, secret, csrfToken } = signedIn.opened;
    context.reply.header(
      'set-cookie',
      serializeCookie(SESSION_COOKIE, secret, {
        maxAgeSeconds: this.sessions.cookieMaxAgeSeconds(session),
        isSecure: this.config.isSessionCookieSecure,
      }),
    );
    return { user: { id: signedIn.user.id, email: signedIn.user.email }, csrfToken };
  }
}
