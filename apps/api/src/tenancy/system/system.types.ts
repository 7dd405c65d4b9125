import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../graphql/pagination.js';

/** Roles an organisation can hold on another organisation's system. */
export enum ShareRoleValue {
  editor = 'editor',
  viewer = 'viewer',
  auditor = 'auditor',
}
registerEnumType(ShareRoleValue, {
  name: 'ShareRole',
  description: 'editor (a vendor), viewer, or auditor (a regulator: read-only plus full history).',
});

/** A system's share with another organisation. */
@ObjectType()
export class SystemShare {
  @Field(() => ID)
  systemId!: string;

  @Field(() => ID)
  granteeOrganisationId!: string;

  @Field(() => ShareRoleValue)
  role!: ShareRoleValue;
}

/** A system: the unit of the portfolio, owned by one organisation, holding threat models. */
@ObjectType()
export class System {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  ownerOrganisationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: '1 = business-critical ... 4 = least critical.' })
  criticalityTier!: number;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [ID], { description: 'Threat models the system holds.' })
  modelIds!: string[];

  @Field(() => [SystemShare], {
    description: 'Shares the caller can see: all of them for the owner, its own for a grantee.',
  })
  shares!: SystemShare[];

  @Field(() => [String], {
    description: 'What the caller may do: read, edit, decide_risk, admin, audit_history.',
  })
  myPermissions!: string[];
}

@ObjectType()
export class SystemConnection extends Connection(System, 'System') {}

@InputType()
export class RegisterSystemInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  criticalityTier!: number;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

/** Names one share of one system. */
@ArgsType()
export class ShareArgs {
  @Field(() => ID)
  systemId!: string;

  @Field(() => ID)
  granteeOrganisationId!: string;
}

@ArgsType()
export class ShareWithRoleArgs extends ShareArgs {
  @Field(() => ShareRoleValue)
  role!: ShareRoleValue;
}

@ArgsType()
export class AddModelArgs {
  @Field(() => ID)
  systemId!: string;

  @Field(() => ID)
  modelId!: string;
}
