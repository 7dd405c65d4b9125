import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Roles inside an organisation, as GraphQL spells them. */
export enum OrganisationRoleValue {
  admin = 'admin',
  risk_owner = 'risk_owner',
  editor = 'editor',
  viewer = 'viewer',
}
registerEnumType(OrganisationRoleValue, {
  name: 'OrganisationRole',
  description: 'Role of a member inside their organisation.',
});

/** An organisation (tenant). */
@ObjectType()
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'URL-safe short name, unique across organisations.' })
  slug!: string;

  @Field(() => Date)
  createdAt!: Date;
}

/** A member of an organisation. */
@ObjectType()
export class Membership {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => OrganisationRoleValue)
  role!: OrganisationRoleValue;
}

/** An invitation to join an organisation. */
@ObjectType()
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => OrganisationRoleValue)
  role!: OrganisationRoleValue;

  @Field(() => String, { description: 'pending, accepted or revoked.' })
  status!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@InputType()
export class CreateOrganisationInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  slug!: string;
}

@InputType()
export class InviteMemberInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => OrganisationRoleValue)
  role!: OrganisationRoleValue;

  @Field(() => Date, { nullable: true, description: 'Default: 14 days from now.' })
  expiresAt?: Date | null;
}

/** Names one invitation of one organisation. */
@ArgsType()
export class InvitationArgs {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID)
  invitationId!: string;
}

/** Names one member of one organisation. */
@ArgsType()
export class MemberArgs {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID)
  userId!: string;
}

@ArgsType()
export class ChangeMemberRoleArgs extends MemberArgs {
  @Field(() => OrganisationRoleValue)
  role!: OrganisationRoleValue;
}
