import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { Authenticator } from '../identity/authentication/authenticator.js';
import {
  DEMO_ACCOUNT_EMAIL,
  DemoAccounts,
  VENDOR_DEMO_ACCOUNT_EMAIL,
} from '../identity/demo-accounts.js';
import { OidcService } from '../identity/oidc/oidc-service.js';
import { REQUEST_SCOPE_RESOLVER } from '../access/request-scope.resolver.js';
import { DatabaseService } from '../database/database.service.js';
import { TenancyScopeResolver } from './access/tenancy-scope.resolver.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';
import { OrganisationService } from './organisation/organisation.service.js';
import { joinThroughSingleSignOn } from './organisation/single-sign-on-membership.js';
import { seedDemoTenancy } from './demo/demo-tenancy.seeder.js';
import { assertRestrictedRuntimeRole } from './runtime-role-guard.js';
import { SubscriptionAccess } from './subscriptions/subscription-access.js';
import { ShareRevocations } from './system/share-revocations.js';
import { SystemResolver } from './system/system.resolver.js';
import { SystemService } from './system/system.service.js';
import { TenancyEventWriter } from './tenancy-event-writer.js';
import { TenancyRepository } from './tenancy.repository.js';

/**
 * Organisations, systems, sharing and the authorisation scope of every
 * request. Provides REQUEST_SCOPE_RESOLVER (it must be imported before
 * AccessModule so its resolver wins), refuses to start on a database role
 * that row-level security would not bind, and keeps the tenancy read models.
 */
@Global()
@Module({
  providers: [
    TenancyRepository,
    TenancyScopeResolver,
    { provide: REQUEST_SCOPE_RESOLVER, useExisting: TenancyScopeResolver },
    TenancyEventWriter,
    ShareRevocations,
    SubscriptionAccess,
    OrganisationService,
    OrganisationResolver,
    SystemService,
    SystemResolver,
  ],
  exports: [
    REQUEST_SCOPE_RESOLVER,
    TenancyScopeResolver,
    ShareRevocations,
    TenancyRepository,
    OrganisationService,
  ],
})
export class TenancyModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Tenancy');

  constructor(
    private readonly database: DatabaseService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: TenancyEventWriter,
  ) {}

  /**
   * Refuses to start when the runtime database role could bypass row-level
   * security, has the session lookup read memberships along, and lets
   * single sign-on admit members.
   */
  async onModuleInit(): Promise<void> {
    await assertRestrictedRuntimeRole(this.database.db as unknown as Kysely<unknown>);
    // Every session lookup also reads the user's memberships, in the same round trip.
    // Looked up lazily, as DemoAccounts below: tenancy does not import the identity module.
    this.moduleRef
      .get(Authenticator, { strict: false })
      .readAlongWithSessions(TenancyScopeResolver.membershipsAlongSession);
    // Single sign-on's just-in-time membership joins people through the Organisation decider.
    this.moduleRef
      .get(OidcService, { strict: false })
      .admitMembersWith(joinThroughSingleSignOn(this.writer));
  }

  /**
   * With SEED_DEMO, seeds the GenomeWell organisation and system, and the vendor
   * Helix Sequencing with its system shared with GenomeWell (the shared
   * projection runner keeps the tenancy read models).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    // The demo accounts are identity's; looked up lazily so tenancy does not import the identity module.
    const accounts = this.moduleRef.get(DemoAccounts, { strict: false });
    const genomeWell = await accounts.ensure(DEMO_ACCOUNT_EMAIL);
    const vendor = await accounts.ensure(VENDOR_DEMO_ACCOUNT_EMAIL);
    const outcome = await seedDemoTenancy(this.database.eventStore, {
      genomeWell: { userId: genomeWell.id, email: genomeWell.email },
      vendor: { userId: vendor.id, email: vendor.email },
    });
    this.logger.log(
      outcome.genomeWell === 'seeded'
        ? 'GenomeWell organisation and system seeded'
        : 'GenomeWell organisation already present',
    );
    this.logger.log(
      outcome.vendor === 'seeded'
        ? 'Helix Sequencing organisation and its system, shared with GenomeWell, seeded'
        : 'Helix Sequencing organisation already present',
    );
  }
}
