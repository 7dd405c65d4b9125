import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../../access/request-scope.js';
import { Scope } from '../../access/scope.decorator.js';
import { DatabaseService } from '../../database/database.service.js';
import { NotFound, Unauthenticated } from '../../errors/app-error.js';
import { requireOrganisation } from '../../tenancy/access/organisation-access.js';
import { TenancyRepository } from '../../tenancy/tenancy.repository.js';
import { tenancyDb } from '../../tenancy/tenancy-tables.js';
import { actorOf } from '../authentication/request-identity.js';
import { requestOf, type HttpGraphQLContext } from '../http/request-context.js';
import type { OidcProviderRecord } from '../oidc/oidc-repository.js';
import { OidcService } from '../oidc/oidc-service.js';
import {
  ConfigureOidcProviderInput,
  JitMembershipRoleValue,
  OidcProvider,
} from './identity.types.js';

/**
 * Single sign-on configuration over GraphQL, just-in-time membership
 * included. Only organisation admins may see or change it; the check is tenancy's (`manage_members` is the admin-only
 * organisation permission), so there is one access decision in the code base.
 */
@Resolver(() => OidcProvider)
export class OidcResolver {
  private readonly tenancy = new TenancyRepository();

  constructor(
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(DatabaseService) private readonly database: DatabaseService,
  ) {}

  /** Sets (or replaces) the organisation's OpenID Connect provider. */
  @Mutation(() => OidcProvider, {
    description: "Sets the organisation's OpenID Connect provider (admins).",
  })
  async configureOidcProvider(
    @Context() context: HttpGraphQLContext,
    @Scope() scope: RequestScope,
    @Args('input', { type: () => ConfigureOidcProviderInput }) input: ConfigureOidcProviderInput,
  ): Promise<OidcProvider> {
    const actor = actorOf(requestOf(context));
    if (actor === null) throw new Unauthenticated();
    const access = requireOrganisation(
      scope,
      input.organisationId,
      'Mutation.configureOidcProvider',
    );
    const organisation = await this.database.transaction(access.transactionScope, (trx) =>
      this.tenancy.organisation(tenancyDb(trx), access.organisationId),
    );
    if (!organisation)
      throw new NotFound('Organisation', input.organisationId, 'input.organisationId');
    const provider = await this.oidc.configure(
      actor,
      {
        ...input,
        scopes: input.scopes ?? undefined,
        jitMembership: input.jitMembership ?? undefined,
        jitEmailDomains: input.jitEmailDomains ?? undefined,
        jitDefaultRole: input.jitDefaultRole ?? undefined,
      },
      organisation.slug,
      requestOf(context).id,
    );
    return this.toGraphQL(provider);
  }

  /** The organisation's provider, or null when none is configured. */
  @Query(() => OidcProvider, {
    nullable: true,
    description: "The organisation's OpenID Connect provider (admins).",
  })
  async oidcProvider(
    @Scope() scope: RequestScope,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<OidcProvider | null> {
    requireOrganisation(scope, organisationId, 'Query.oidcProvider');
    const provider = await this.oidc.find(organisationId);
    return provider ? this.toGraphQL(provider) : null;
  }

  private toGraphQL(provider: OidcProviderRecord): OidcProvider {
    return {
      organisationId: provider.organisationId,
      organisationSlug: provider.organisationSlug,
      issuer: provider.issuer,
      clientId: provider.clientId,
      hasClientSecret: provider.clientSecretSealed !== null,
      scopes: provider.scopes,
      redirectUri: this.oidc.redirectUri,
      loginUrl: this.oidc.loginUrl(provider.organisationSlug),
      jitMembership: provider.jitMembership.isEnabled,
      jitEmailDomains: provider.jitMembership.emailDomains,
      jitDefaultRole: JitMembershipRoleValue[provider.jitMembership.role],
    };
  }
}
