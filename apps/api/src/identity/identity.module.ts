import {
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { AppConfig } from '../config/config.schema.js';
import { DatabaseService } from '../database/database.service.js';
import { AccountService } from './account/account-service.js';
import { ApiTokenService } from './api-token/api-token-service.js';
import { Authenticator } from './authentication/authenticator.js';
import { registerIdentityHooks } from './authentication/identity-hooks.js';
import { DEMO_ACCOUNT_EMAIL, DemoAccounts, VENDOR_DEMO_ACCOUNT_EMAIL } from './demo-accounts.js';
import { IdentityResolver } from './graphql/identity.resolver.js';
import { OidcResolver } from './graphql/oidc.resolver.js';
import { OidcController } from './http/oidc.controller.js';
import { loadIdentityConfig, type IdentityConfig } from './identity-config.js';
import { IDENTITY_CONFIG, MAX_PAGE_SIZE } from './identity.tokens.js';
import { OidcService } from './oidc/oidc-service.js';
import { prepareDummyHash } from './password/password-hasher.js';
import { SessionService } from './session/session-service.js';
import { SessionSweeper } from './session/session-sweeper.js';

/**
 * Accounts, sessions, API tokens and single sign-on. Authenticates every
 * request (see authentication/identity-hooks.ts) and seeds the demo accounts.
 * Global so other modules' seeding can inject DemoAccounts without an import cycle.
 */
@Global()
@Module({
  controllers: [OidcController],
  providers: [
    {
      provide: IDENTITY_CONFIG,
      inject: [APP_CONFIG],
      useFactory: (app: AppConfig): IdentityConfig =>
        loadIdentityConfig({ ...process.env, PORT: String(app.port), NODE_ENV: app.nodeEnv }),
    },
    {
      provide: MAX_PAGE_SIZE,
      inject: [APP_CONFIG],
      useFactory: (app: AppConfig) => app.graphql.maxPageSize,
    },
    {
      provide: SessionService,
      inject: [IDENTITY_CONFIG],
      useFactory: (config: IdentityConfig) => new SessionService(config),
    },
    {
      provide: AccountService,
      inject: [DatabaseService, IDENTITY_CONFIG, SessionService],
      useFactory: (database: DatabaseService, config: IdentityConfig, sessions: SessionService) =>
        new AccountService(database, config, sessions),
    },
    {
      provide: ApiTokenService,
      inject: [DatabaseService],
      useFactory: (database: DatabaseService) => new ApiTokenService(database),
    },
    {
      provide: OidcService,
      inject: [DatabaseService, IDENTITY_CONFIG, SessionService],
      useFactory: (database: DatabaseService, config: IdentityConfig, sessions: SessionService) =>
        new OidcService(database, config, sessions),
    },
    {
      provide: Authenticator,
      inject: [DatabaseService, SessionService],
      useFactory: (database: DatabaseService, sessions: SessionService) =>
        new Authenticator(database, sessions),
    },
    {
      provide: DemoAccounts,
      inject: [AccountService, IDENTITY_CONFIG],
      useFactory: (accounts: AccountService, config: IdentityConfig) =>
        new DemoAccounts(accounts, config.demoAccountPassword),
    },
    IdentityResolver,
    OidcResolver,
    SessionSweeper,
  ],
  exports: [
    Authenticator,
    AccountService,
    ApiTokenService,
    OidcService,
    DemoAccounts,
    IDENTITY_CONFIG,
    SessionSweeper,
  ],
})
export class IdentityModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(DemoAccounts) private readonly demoAccounts: DemoAccounts,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  /** Authenticates every request before any route (GraphQL included) handles it. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance() as FastifyInstance;
    registerIdentityHooks(fastify, this.authenticator, this.appConfig.allowedOrigins);
  }

  /** Prepares the dummy password hash and seeds the demo accounts when demo seeding is on. */
  async onApplicationBootstrap(): Promise<void> {
    await prepareDummyHash();
    if (!this.appConfig.seedDemo) return;
    await this.demoAccounts.ensure(DEMO_ACCOUNT_EMAIL);
    await this.demoAccounts.ensure(VENDOR_DEMO_ACCOUNT_EMAIL);
  }
}
