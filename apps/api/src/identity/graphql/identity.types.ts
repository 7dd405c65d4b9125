import {
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination.js';
import { ROLE_CEILINGS, type AuthenticationMethod, type RoleCeiling } from '../actor.js';

/** GraphQL enum of API token role ceilings. */
export const RoleCeilingEnum = Object.fromEntries(ROLE_CEILINGS.map((role) => [role, role])) as {
  [Role in RoleCeiling]: Role;
};
registerEnumType(RoleCeilingEnum, {
  name: 'RoleCeiling',
  description: 'The most powerful organisation role an API token may exercise.',
});

/** GraphQL enum of how a request was authenticated. */
export const AuthenticationMethodEnum = {
  session: 'session',
  api_token: 'api_token',
  oidc: 'oidc',
} as const;
registerEnumType(AuthenticationMethodEnum, { name: 'AuthenticationMethod' });

/** An account. */
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;
}

/** The caller of the request. */
@ObjectType()
export class Me {
  @Field(() => User)
  user!: User;

  @Field(() => AuthenticationMethodEnum, {
    description: 'How this request proved who it comes from.',
  })
  authenticatedVia!: AuthenticationMethod;

  @Field(() => ID, {
    nullable: true,
    description: "The API token's organisation, when a token authenticated the request.",
  })
  tokenOrganisationId!: string | null;

  @Field(() => RoleCeilingEnum, {
    nullable: true,
    description: "The API token's role ceiling, when a token authenticated the request.",
  })
  tokenRoleCeiling!: RoleCeiling | null;
}

/** Answer to signIn and signUp: the session cookie is set on the response. */
@ObjectType()
export class SignInPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, {
    description: 'Send as the x-csrf-token header with every cookie-authenticated mutation.',
  })
  csrfToken!: string;
}

/** A personal API token, without its secret. */
@ObjectType()
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => RoleCeilingEnum)
  roleCeiling!: RoleCeiling;

  @Field(() => String, { description: 'The first characters of the token, to recognise it.' })
  displayPrefix!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

/** A page of the caller's API tokens. */
export const ApiTokenConnection = Connection(ApiToken, 'ApiToken');

/** Answer to createApiToken: the only time the secret is shown. */
@ObjectType()
export class CreatedApiToken {
  @Field(() => String, {
    description: 'The token (`tl_...`). It is shown once and cannot be retrieved later.',
  })
  secret!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

/** Input of createApiToken. */
@InputType()
export class CreateApiTokenInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => RoleCeilingEnum)
  roleCeiling!: RoleCeiling;

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt?: Date | null;
}

/** Roles just-in-time membership may grant, as GraphQL spells them. */
export enum JitMembershipRoleValue {
  viewer = 'viewer',
  editor = 'editor',
}
registerEnumType(JitMembershipRoleValue, {
  name: 'JitMembershipRole',
  description:
    'Role a person joins at through just-in-time membership; never risk_owner or admin, which need an admin.',
});

/** An organisation's single sign-on provider (its client secret is never returned). */
@ObjectType()
export class OidcProvider {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String)
  organisationSlug!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => Boolean)
  hasClientSecret!: boolean;

  @Field(() => String)
  scopes!: string;

  @Field(() => String, { description: 'Register this redirect URI at the provider.' })
  redirectUri!: string;

  @Field(() => String, { description: 'Where users start signing in with this provider.' })
  loginUrl!: string;

  @Field(() => Boolean, {
    description:
      'Whether a person signing in through this provider who is not a member joins the organisation.',
  })
  jitMembership!: boolean;

  @Field(() => [String], {
    description: 'Email domains whose provider-verified addresses may join (exact match).',
  })
  jitEmailDomains!: string[];

  @Field(() => JitMembershipRoleValue, { description: 'Role people join at.' })
  jitDefaultRole!: JitMembershipRoleValue;
}

/** Input of configureOidcProvider. */
@InputType()
export class ConfigureOidcProviderInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String, {
    description:
      'Issuer URL; https on a public address (OIDC_ALLOW_PRIVATE_ISSUERS=true also allows private addresses and plain http on loopback).',
  })
  issuer!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'Omit for a public client (PKCE only).' })
  clientSecret?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Space-separated; default `openid email profile`.',
  })
  scopes?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Let people who sign in through this provider and are not members join (default false).',
  })
  jitMembership?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Email domains whose provider-verified addresses may join; required when jitMembership is on.',
  })
  jitEmailDomains?: string[] | null;

  @Field(() => JitMembershipRoleValue, {
    nullable: true,
    description: 'Role people join at (default viewer).',
  })
  jitDefaultRole?: JitMembershipRoleValue | null;
}
