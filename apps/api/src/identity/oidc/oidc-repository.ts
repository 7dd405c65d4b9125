import type { IdentityDb } from '../identity-tables.js';

/** Roles just-in-time membership may grant (never risk_owner or admin, ADR 0010). */
export type JitMembershipRole = 'viewer' | 'editor';

/** Whether people signing in through the provider for the first time join the organisation. */
export interface JitMembershipSettings {
  isEnabled: boolean;
  /** Lower-case email domains whose provider-verified addresses may join. */
  emailDomains: string[];
  role: JitMembershipRole;
}

/** An organisation's OpenID Connect provider as stored (client secret sealed). */
export interface OidcProviderRecord {
  organisationId: string;
  /** Copied from the organisation when configured, so the login URL can name it before anyone is signed in. */
  organisationSlug: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string | null;
  scopes: string;
  configuredBy: string;
  updatedAt: Date;
  jitMembership: JitMembershipSettings;
}

/** The per-browser state of an authorization-code flow in progress. */
export interface OidcLoginAttempt {
  id: string;
  organisationId: string;
  codeVerifier: string;
  nonce: string;
  returnPath: string;
  expiresAt: Date;
}

/** SQL for OIDC providers, linked identities and login attempts. */
export class OidcRepository {
  /** Creates or replaces an organisation's provider. */
  async upsertProvider(db: IdentityDb, provider: OidcProviderRecord): Promise<void> {
    const values = {
      organisation_id: provider.organisationId,
      organisation_slug: provider.organisationSlug,
      issuer: provider.issuer,
      client_id: provider.clientId,
      client_secret_sealed: provider.clientSecretSealed,
      scopes: provider.scopes,
      configured_by: provider.configuredBy,
      updated_at: provider.updatedAt,
      jit_membership: provider.jitMembership.isEnabled,
      jit_email_domains: provider.jitMembership.emailDomains,
      jit_default_role: provider.jitMembership.role,
    };
    await db
      .insertInto('oidc_providers')
      .values(values)
      .onConflict((conflict) => conflict.column('organisation_id').doUpdateSet(values))
      .execute();
  }

  /** The provider of an organisation, found by organisation id or slug. */
  async findProvider(
    db: IdentityDb,
    organisationIdOrSlug: string,
  ): Promise<OidcProviderRecord | undefined> {
    const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
      organisationIdOrSlug,
    );
    const row = await db
      .selectFrom('oidc_providers')
      .selectAll()
      .where(
        isId ? 'organisation_id' : 'organisation_slug',
        '=',
        organisationIdOrSlug.toLowerCase(),
      )
      .executeTakeFirst();
    return (
      row && {
        organisationId: row.organisation_id,
        organisationSlug: row.organisation_slug,
        issuer: row.issuer,
        clientId: row.client_id,
        clientSecretSealed: row.client_secret_sealed,
        scopes: row.scopes,
        configuredBy: row.configured_by,
        updatedAt: row.updated_at,
        jitMembership: {
          isEnabled: row.jit_membership,
          emailDomains: row.jit_email_domains,
          role: row.jit_default_role === 'editor' ? 'editor' : 'viewer',
        },
      }
    );
  }

  /** The user linked to an (issuer, subject) pair. */
  async findLinkedUserId(
    db: IdentityDb,
    issuer: string,
    subject: string,
  ): Promise<string | undefined> {
    const row = await db
      .selectFrom('oidc_identities')
      .select('user_id')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row?.user_id;
  }

  /** Links an (issuer, subject) pair to a user. */
  async link(
    db: IdentityDb,
    issuer: string,
    subject: string,
    userId: string,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('oidc_identities')
      .values({ issuer, subject, user_id: userId, created_at: now })
      .execute();
  }

  /** Stores a login attempt under the hash of its state. */
  async insertAttempt(db: IdentityDb, attempt: OidcLoginAttempt): Promise<void> {
    await db
      .insertInto('oidc_login_attempts')
      .values({
        id: attempt.id,
        organisation_id: attempt.organisationId,
        code_verifier: attempt.codeVerifier,
        nonce: attempt.nonce,
        return_path: attempt.returnPath,
        expires_at: attempt.expiresAt,
      })
      .execute();
  }

  /** Removes and returns a live attempt: each state is redeemable exactly once. */
  async takeAttempt(db: IdentityDb, id: string, now: Date): Promise<OidcLoginAttempt | undefined> {
    const row = await db
      .deleteFrom('oidc_login_attempts')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    await db.deleteFrom('oidc_login_attempts').where('expires_at', '<=', now).execute();
    if (!row || row.expires_at <= now) return undefined;
    return {
      id: row.id,
      organisationId: row.organisation_id,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      returnPath: row.return_path,
      expiresAt: row.expires_at,
    };
  }
}
