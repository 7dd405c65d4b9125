import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import {
  AppError,
  Conflict,
  IllegalState,
  NotFound,
  Unauthenticated,
  ValidationError,
} from '../../errors/app-error.js';
import { toAppError } from '../../errors/to-app-error.js';
import type { DatabaseService } from '../../database/database.service.js';
import type { Actor } from '../actor.js';
import { UserRepository } from '../account/user-repository.js';
import type { ClientContext, SignedInUser } from '../account/account-service.js';
import { IdentityEventRecorder } from '../events/identity-event-recorder.js';
import {
  oidcConfigurationStream,
  userStream,
  type IdentityEvent,
} from '../events/identity-events.js';
import type { IdentityConfig } from '../identity-config.js';
import { runIdentityTransaction } from '../identity-transactions.js';
import { hashSecret } from '../secret-token.js';
import type { SessionService } from '../session/session-service.js';
import { openClientSecret, sealClientSecret } from './client-secret-box.js';
import { IssuerRefused, OidcClientFactory } from './oidc-client-factory.js';
import { issuerProblem } from './issuer-policy.js';
import { jitMembershipRole } from './jit-membership.js';
import {
  OidcRepository,
  type JitMembershipRole,
  type OidcProviderRecord,
} from './oidc-repository.js';
import { safeReturnPath } from './return-path.js';

/** How long a started login may take before its state is no longer redeemable. */
const LOGIN_ATTEMPT_TTL_MS = 10 * 60_000;

/** Path of the redirect URI every provider is configured with. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** A DNS name of at least two labels, lower case (IDNs in their xn-- form). */
const emailDomainPattern =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Input of configureOidcProvider, validated at the edge. */
export const configureOidcProviderInputSchema = z
  .object({
    organisationId: z.uuid({ error: 'expected an organisation id (uuid)' }),
    // Scheme and address are checked against OIDC_ALLOW_PRIVATE_ISSUERS in configure().
    issuer: z.url({ error: 'expected the issuer URL' }).max(2048),
    clientId: z.string().trim().min(1, { error: 'expected the client id' }).max(255),
    clientSecret: z.string().min(1).max(1024).nullable().optional(),
    scopes: z
      .string()
      .trim()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
        error: 'expected space-separated scopes',
      })
      .refine((scopes) => scopes.split(' ').includes('openid'), {
        error: 'expected the openid scope',
      })
      .default('openid email profile'),
    jitMembership: z.boolean({ error: 'expected true or false' }).default(false),
    jitEmailDomains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .max(253, { error: 'expected an email domain of at most 253 characters' })
          .regex(emailDomainPattern, { error: 'expected an email domain such as example.com' }),
        { error: 'expected a list of email domains' },
      )
      .max(50, { error: 'expected at most 50 email domains' })
      .default([]),
    jitDefaultRole: z
      .enum(['viewer', 'editor'], {
        error: 'expected viewer or editor (single sign-on never grants risk_owner or admin)',
      })
      .default('viewer'),
  })
  .refine((input) => !input.jitMembership || input.jitEmailDomains.length > 0, {
    path: ['jitEmailDomains'],
    error: 'expected at least one email domain when jitMembership is on',
  });

/** Validated input of configureOidcProvider. */
export type ConfigureOidcProviderInput = z.infer<typeof configureOidcProviderInputSchema>;

/** Where to send the browser to start signing in, and the state to bind to it. */
export interface StartedOidcLogin {
  authorizationUrl: string;
  state: string;
}

/** Result of a completed callback: a session and where to go next. */
export interface CompletedOidcLogin extends SignedInUser {
  returnPath: string;
}

/** OAuth error codes a provider may answer an authorization request with (RFC 6749, OIDC Core). */
const providerErrorCode = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/**
 * The provider sent the browser back with `error=...` (for example
 * `access_denied` when the person cancelled or was refused). Carries the
 * provider's error code, so the callback can tell the user what happened.
 */
export class ProviderRefusedSignIn extends AppError {
  constructor(providerError: string, description: string | undefined) {
    const code = providerErrorCode.test(providerError) ? providerError : 'invalid_error_code';
    const detail =
      description === undefined
        ? ''
        : ` (${description.replace(/[^\x20-\x7e]/g, '').slice(0, 200)})`;
    super(
      'UNAUTHENTICATED',
      `Single sign-on did not complete: the provider answered ${code}${detail}`,
      null,
      { providerError: code },
    );
    this.name = 'ProviderRefusedSignIn';
  }
}

/** What the sign-in flow asks tenancy to do when just-in-time membership admits someone. */
export interface JitMembershipRequest {
  organisationId: string;
  userId: string;
  email: string;
  role: JitMembershipRole;
  issuer: string;
  correlationId?: string;
}

/** Makes a person a member (tenancy registers it; identity does not import tenancy). */
export type JitMembershipJoiner = (request: JitMembershipRequest) => Promise<void>;

/** The claims the callback relies on. */
interface IdentityClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
}

/** Single sign-on with OpenID Connect: per-organisation configuration and the code + PKCE flow. */
export class OidcService {
  private readonly providers = new OidcRepository();
  private readonly users = new UserRepository();
  private readonly clients: OidcClientFactory;
  private readonly events: IdentityEventRecorder;
  private membershipJoiner: JitMembershipJoiner | null = null;

  constructor(
    private readonly database: DatabaseService,
    private readonly config: IdentityConfig,
    private readonly sessions: SessionService,
  ) {
    this.events = new IdentityEventRecorder(database.eventStore);
    this.clients = new OidcClientFactory(config.isPrivateIssuerAllowed);
  }

  /** Registers how just-in-time membership admits people (tenancy does, at start). */
  admitMembersWith(joiner: JitMembershipJoiner): void {
    this.membershipJoiner = joiner;
  }

  /** The redirect URI to register at every provider. */
  get redirectUri(): string {
    return `${this.config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** Where users of an organisation start signing in. */
  loginUrl(organisationSlug: string): string {
    return `${this.config.publicUrl}/auth/oidc/${encodeURIComponent(organisationSlug)}/start`;
  }

  /** The provider of an organisation, if configured. */
  async find(organisationId: string): Promise<OidcProviderRecord | undefined> {
    return runIdentityTransaction(this.database, null, ({ db }) =>
      this.providers.findProvider(db, organisationId),
    );
  }

  /**
   * Stores an organisation's provider after checking that discovery works. The
   * caller must already have checked that the actor administers the organisation.
   */
  async configure(
    actor: Actor,
    rawInput: unknown,
    organisationSlug: string,
    correlationId?: string,
  ): Promise<OidcProviderRecord> {
    const parsed = configureOidcProviderInputSchema.safeParse(rawInput);
    if (!parsed.success) throw toAppError(parsed.error) ?? parsed.error;
    const input = parsed.data;
    const issuerExpected = issuerProblem(input.issuer, this.config.isPrivateIssuerAllowed);
    if (issuerExpected !== null) throw new ValidationError('input.issuer', issuerExpected);
    const clientSecret = input.clientSecret ?? null;
    if (clientSecret !== null && this.config.oidcSecretKey === null) {
      throw new IllegalState(
        'OIDC_SECRET_KEY is not set, so client secrets cannot be stored',
        'input.clientSecret',
      );
    }
    const provider: OidcProviderRecord = {
      organisationId: input.organisationId,
      organisationSlug,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretSealed:
        clientSecret === null || this.config.oidcSecretKey === null
          ? null
          : sealClientSecret(this.config.oidcSecretKey, clientSecret),
      scopes: input.scopes,
      configuredBy: actor.userId,
      updatedAt: new Date(),
      jitMembership: {
        isEnabled: input.jitMembership,
        emailDomains: [...new Set(input.jitEmailDomains)],
        role: input.jitDefaultRole,
      },
    };
    try {
      await this.clients.configurationFor({
        ...this.settingsOf(provider),
        cacheKey: `probe:${randomUUID()}`,
      });
    } catch (error) {
      if (error instanceof IssuerRefused) throw new ValidationError('input.issuer', error.expected);
      throw new ValidationError(
        'input.issuer',
        'an OpenID provider whose discovery document can be fetched',
      );
    }
    await runIdentityTransaction(this.database, actor.userId, async ({ db, transaction }) => {
      await this.providers.upsertProvider(db, provider);
      await this.events.record(
        transaction,
        oidcConfigurationStream(provider.organisationId),
        [
          {
            type: 'OidcProviderConfigured',
            data: {
              organisationId: provider.organisationId,
              issuer: provider.issuer,
              clientId: provider.clientId,
              hasClientSecret: provider.clientSecretSealed !== null,
              scopes: provider.scopes,
              configuredBy: actor.userId,
              jitMembership: provider.jitMembership.isEnabled,
              jitEmailDomains: provider.jitMembership.emailDomains,
              jitDefaultRole: provider.jitMembership.role,
            },
          },
        ],
        { actor: actor.userId, organisation: provider.organisationId, correlationId },
      );
    });
    this.clients.forget(provider.organisationId);
    return provider;
  }

  /** Begins the authorization code flow with PKCE, state and nonce for an organisation. */
  async start(
    organisationIdOrSlug: string,
    returnTo: string | undefined,
  ): Promise<StartedOidcLogin> {
    const provider = await runIdentityTransaction(this.database, null, ({ db }) =>
      this.providers.findProvider(db, organisationIdOrSlug),
    );
    if (!provider)
      throw new NotFound('Single sign-on configuration of organisation', organisationIdOrSlug);
    const configuration = await this.clients.configurationFor(this.settingsOf(provider));
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await runIdentityTransaction(this.database, null, ({ db }) =>
      this.providers.insertAttempt(db, {
        id: hashSecret(state),
        organisationId: provider.organisationId,
        codeVerifier,
        nonce,
        returnPath: safeReturnPath(returnTo),
        expiresAt: new Date(Date.now() + LOGIN_ATTEMPT_TTL_MS),
      }),
    );
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: provider.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: authorizationUrl.href, state };
  }

  /**
   * Completes the flow: the state must match the cookie set at start (so a
   * login cannot be planted in someone else's browser), the code is exchanged
   * with the PKCE verifier, the ID token's nonce is checked, then the user is
   * found by (issuer, sub), created from a verified email, or linked to the
   * account that is signed in right now.
   */
  async complete(
    callbackUrl: URL,
    stateFromCookie: string | undefined,
    signedInActor: Actor | null,
    clientContext: ClientContext,
  ): Promise<CompletedOidcLogin> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || !stateFromCookie || state !== stateFromCookie) {
      throw new Unauthenticated(
        'Single sign-on response does not belong to a login started in this browser',
      );
    }
    const attempt = await runIdentityTransaction(this.database, null, ({ db }) =>
      this.providers.takeAttempt(db, hashSecret(state), new Date()),
    );
    if (!attempt)
      throw new Unauthenticated('Single sign-on login expired or was already completed');
    const provider = await runIdentityTransaction(this.database, null, ({ db }) =>
      this.providers.findProvider(db, attempt.organisationId),
    );
    if (!provider)
      throw new NotFound('Single sign-on configuration of organisation', attempt.organisationId);
    const configuration = await this.clients.configurationFor(this.settingsOf(provider));

    let claims: IdentityClaims;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idTokenClaims = tokens.claims();
      if (!idTokenClaims) throw new Error('no ID token claims');
      claims = idTokenClaims as IdentityClaims;
      if (claims.email === undefined) {
        // Many providers keep scope claims out of the ID token; the UserInfo endpoint has them,
        // and openid-client checks that it describes the same subject.
        const userInfo = await client.fetchUserInfo(
          configuration,
          tokens.access_token,
          idTokenClaims.sub,
        );
        claims = {
          sub: idTokenClaims.sub,
          email: userInfo.email,
          email_verified: userInfo.email_verified,
        };
      }
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        // The provider answered with an error instead of a code: the user cancelled, was
        // refused, or the provider could not proceed. Say so rather than "rejected".
        const refusal = new ProviderRefusedSignIn(error.error, error.error_description);
        await this.recordRejected(null, provider, clientContext, refusal.message);
        throw refusal;
      }
      await this.recordRejected(
        null,
        provider,
        clientContext,
        String((error as Error).message ?? error),
      );
      throw new Unauthenticated('Single sign-on failed: the provider response was rejected');
    }
    const completed = await this.signInWithClaims(
      provider,
      claims,
      signedInActor,
      clientContext,
      attempt.returnPath,
    );
    await this.admitIfAllowed(provider, claims, completed, clientContext);
    return completed;
  }

  /**
   * Just-in-time membership: with the organisation's setting on and an email
   * the provider verified in an allowed domain, the person becomes a member at
   * the configured role. Existing and former members stay as they are (the
   * Organisation decider's rule).
   */
  private async admitIfAllowed(
    provider: OidcProviderRecord,
    claims: IdentityClaims,
    completed: CompletedOidcLogin,
    clientContext: ClientContext,
  ): Promise<void> {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const role = jitMembershipRole(provider.jitMembership, email, claims.email_verified === true);
    if (role === null || this.membershipJoiner === null) return;
    await this.membershipJoiner({
      organisationId: provider.organisationId,
      userId: completed.user.id,
      email: completed.user.email,
      role,
      issuer: provider.issuer,
      correlationId: clientContext.correlationId,
    });
  }

  private async signInWithClaims(
    provider: OidcProviderRecord,
    claims: IdentityClaims,
    signedInActor: Actor | null,
    clientContext: ClientContext,
    returnPath: string,
  ): Promise<CompletedOidcLogin> {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const isEmailVerified = claims.email_verified === true;
    const outcome = await runIdentityTransaction<SignedInUser | { rejected: string }>(
      this.database,
      null,
      async ({ db, transaction }) => {
        const events: IdentityEvent[] = [];
        let userId = await this.providers.findLinkedUserId(db, provider.issuer, claims.sub);
        if (userId === undefined) {
          const link = (id: string): IdentityEvent => ({
            type: 'OidcIdentityLinked',
            data: {
              userId: id,
              issuer: provider.issuer,
              subject: claims.sub,
              organisationId: provider.organisationId,
            },
          });
          if (signedInActor && signedInActor.via !== 'api_token') {
            // The browser is signed in already: the user proves control of both identities.
            userId = signedInActor.userId;
            events.push(link(userId));
          } else {
            if (email === null || !isEmailVerified)
              return { rejected: 'the provider did not assert a verified email' };
            const existing = await this.users.findByEmail(db, email);
            if (existing) {
              // Linking by email alone would let any organisation's provider take over accounts used elsewhere.
              return {
                rejected:
                  'an account with this email exists; sign in with it first to link single sign-on',
              };
            }
            userId = randomUUID();
            await this.users.insert(db, { id: userId, email, passwordHash: null });
            events.push({
              type: 'UserRegistered',
              data: { userId, email, method: 'oidc', issuer: provider.issuer },
            });
            events.push(link(userId));
          }
          await this.providers.link(db, provider.issuer, claims.sub, userId, new Date());
        }
        const user = await this.users.findById(db, userId);
        if (!user) return { rejected: 'the linked account no longer exists' };
        const opened = await this.sessions.open(db, user.id, 'oidc');
        events.push({
          type: 'SignedIn',
          data: {
            userId: user.id,
            sessionId: opened.session.id,
            method: 'oidc',
            address: clientContext.address,
            issuer: provider.issuer,
          },
        });
        await this.events.record(transaction, userStream(user.id), events, {
          actor: user.id,
          organisation: provider.organisationId,
          correlationId: clientContext.correlationId,
        });
        return { user, opened };
      },
    );
    if ('rejected' in outcome) {
      await this.recordRejected(email, provider, clientContext, outcome.rejected);
      throw new Conflict(`Single sign-on refused: ${outcome.rejected}`);
    }
    return { ...outcome, returnPath };
  }

  private async recordRejected(
    email: string | null,
    provider: OidcProviderRecord,
    clientContext: ClientContext,
    detail: string,
  ): Promise<void> {
    await runIdentityTransaction(this.database, null, async ({ transaction }) => {
      await this.events.record(
        transaction,
        oidcConfigurationStream(provider.organisationId),
        [
          {
            type: 'SignInFailed',
            data: {
              userId: null,
              emailHash: email === null ? '' : hashSecret(email),
              reason: 'oidc_rejected',
              address: clientContext.address,
              detail: detail.slice(0, 200),
            },
          },
        ],
        {
          actor: 'anonymous',
          organisation: provider.organisationId,
          correlationId: clientContext.correlationId,
        },
      );
    });
  }

  private settingsOf(provider: OidcProviderRecord) {
    return {
      cacheKey: `${provider.organisationId}:${provider.updatedAt.getTime()}`,
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret:
        provider.clientSecretSealed === null || this.config.oidcSecretKey === null
          ? null
          : openClientSecret(this.config.oidcSecretKey, provider.clientSecretSealed),
    };
  }
}
