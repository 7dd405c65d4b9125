import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusByCode } from '../../errors/error-codes.js';
import { toAppError } from '../../errors/to-app-error.js';
import { actorOf } from '../authentication/request-identity.js';
import { IDENTITY_CONFIG } from '../identity.tokens.js';
import type { IdentityConfig } from '../identity-config.js';
import { OIDC_CALLBACK_PATH, OidcService } from '../oidc/oidc-service.js';
import {
  OIDC_STATE_COOKIE,
  SESSION_COOKIE,
  expiredCookie,
  readCookie,
  serializeCookie,
} from './cookies.js';
import { clientContextOf } from './request-context.js';

/** The state cookie only needs to outlive one trip to the provider and back. */
const STATE_COOKIE_MAX_AGE_SECONDS = 10 * 60;

/** Redirect-based single sign-on routes (browsers follow redirects, so these are HTTP, not GraphQL). */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Sends the browser to the organisation's provider, remembering state, nonce and PKCE verifier. */
  @Get(':organisation/start')
  async start(
    @Param('organisation') organisation: string,
    @Query('returnTo') returnTo: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      // A repeated query parameter arrives as an array; only a single path is a destination.
      const started = await this.oidc.start(
        organisation,
        typeof returnTo === 'string' ? returnTo : undefined,
      );
      await reply
        .header(
          'set-cookie',
          serializeCookie(OIDC_STATE_COOKIE, started.state, {
            maxAgeSeconds: STATE_COOKIE_MAX_AGE_SECONDS,
            isSecure: this.config.isSessionCookieSecure,
            path: '/auth/oidc',
          }),
        )
        .redirect(started.authorizationUrl, 302);
    } catch (error) {
      await this.fail(reply, error);
    }
  }

  /** Where the provider sends the browser back: exchanges the code and opens a session. */
  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const queryStart = request.url.indexOf('?');
      const query = queryStart < 0 ? '' : request.url.slice(queryStart);
      // The URL the provider redirected to, as openid-client must see it to check the response.
      const callbackUrl = new URL(`${OIDC_CALLBACK_PATH}${query}`, this.config.publicUrl);
      const completed = await this.oidc.complete(
        callbackUrl,
        readCookie(request.headers.cookie, OIDC_STATE_COOKIE),
        actorOf(request),
        clientContextOf(request),
      );
      const { session, secret } = completed.opened;
      // Only a completed login retires the state cookie: clearing it on any callback would let
      // one forged callback (wrong state) spoil the genuine one still on its way. Attempts
      // that are never completed expire server-side, and the cookie with them.
      await reply
        .header('set-cookie', [
          expiredCookie(OIDC_STATE_COOKIE, this.config.isSessionCookieSecure, '/auth/oidc'),
          serializeCookie(SESSION_COOKIE, secret, {
            maxAgeSeconds: Math.floor((session.expiresAt.getTime() - Date.now()) / 1000),
            isSecure: this.config.isSessionCookieSecure,
          }),
        ])
        .redirect(completed.returnPath, 302);
    } catch (error) {
      await this.fail(reply, error);
    }
  }

  private async fail(reply: FastifyReply, error: unknown): Promise<void> {
    const appError = toAppError(error);
    if (appError === null) {
      reply.log.error({ err: error }, 'single sign-on failed unexpectedly');
      await reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error' } });
      return;
    }
    const providerError = appError.details['providerError'];
    await reply.status(httpStatusByCode[appError.code]).send({
      error: {
        code: appError.code,
        message: appError.message,
        field: appError.field,
        ...(typeof providerError === 'string' ? { providerError } : {}),
      },
    });
  }
}
