import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../../access/request-scope.js';
import { Scope } from '../../access/scope.decorator.js';
import { OrganisationService } from './organisation.service.js';
import {
  ChangeMemberRoleArgs,
  CreateOrganisationInput,
  Invitation,
  InvitationArgs,
  InviteMemberInput,
  MemberArgs,
  Membership,
  Organisation,
} from './organisation.types.js';

/** Organisations, members and invitations. */
@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(private readonly service: OrganisationService) {}

  @Query(() => [Organisation], { description: 'Organisations the caller is a member of.' })
  organisations(@Scope() scope: RequestScope): Promise<Organisation[]> {
    return this.service.list(scope);
  }

  @Query(() => Organisation, { description: 'One organisation the caller is a member of.' })
  organisation(
    @Scope() scope: RequestScope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Organisation> {
    return this.service.get(scope, id);
  }

  @Query(() => [Membership], { description: 'Members of an organisation the caller belongs to.' })
  members(
    @Scope() scope: RequestScope,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<Membership[]> {
    return this.service.members(scope, organisationId);
  }

  @Query(() => [Invitation], { description: 'Invitations of an organisation (admins).' })
  invitations(
    @Scope() scope: RequestScope,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<Invitation[]> {
    return this.service.invitations(scope, organisationId);
  }

  @Mutation(() => Organisation, {
    description: 'Creates an organisation with the caller as its admin.',
  })
  createOrganisation(
    @Scope() scope: RequestScope,
    @Args('input', { type: () => CreateOrganisationInput }) input: CreateOrganisationInput,
  ): Promise<Organisation> {
    return this.service.create(scope, input);
  }

  @Mutation(() => Invitation, { description: 'Invites an email address to join (admins).' })
  inviteMember(
    @Scope() scope: RequestScope,
    @Args('input', { type: () => InviteMemberInput }) input: InviteMemberInput,
  ): Promise<Invitation> {
    return this.service.invite(scope, input);
  }

  @Mutation(() => Membership, { description: 'Accepts an invitation addressed to the caller.' })
  acceptInvitation(
    @Scope() scope: RequestScope,
    @Args() args: InvitationArgs,
  ): Promise<Membership> {
    return this.service.accept(scope, args.organisationId, args.invitationId);
  }

  @Mutation(() => Invitation, { description: 'Withdraws a pending invitation (admins).' })
  revokeInvitation(
    @Scope() scope: RequestScope,
    @Args() args: InvitationArgs,
  ): Promise<Invitation> {
    return this.service.revokeInvitation(scope, args.organisationId, args.invitationId);
  }

  @Mutation(() => Membership, { description: "Changes a member's role (admins)." })
  changeMemberRole(
    @Scope() scope: RequestScope,
    @Args() args: ChangeMemberRoleArgs,
  ): Promise<Membership> {
    return this.service.changeRole(scope, args.organisationId, args.userId, args.role);
  }

  @Mutation(() => Boolean, { description: 'Removes a member (admins), or leaves (the member).' })
  removeMember(@Scope() scope: RequestScope, @Args() args: MemberArgs): Promise<boolean> {
    return this.service.removeMember(scope, args.organisationId, args.userId);
  }
}
