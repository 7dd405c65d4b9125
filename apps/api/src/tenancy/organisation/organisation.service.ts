import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  organisationStreamId,
  type OrganisationState,
  type TenancyCommandContext,
} from '@threatloom/domain';
import { z } from 'zod';
import type { RequestScope } from '../../access/request-scope.js';
import { DatabaseService } from '../../database/database.service.js';
import { Conflict, NotFound, Unauthenticated } from '../../errors/app-error.js';
import { parseInput } from '../../graphql/parse-input.js';
import { requireOrganisation, tenancyScopeOf } from '../access/organisation-access.js';
import { ShareRevocations } from '../system/share-revocations.js';
import { TenancyEventWriter } from '../tenancy-event-writer.js';
import { TenancyRepository } from '../tenancy.repository.js';
import { tenancyDb } from '../tenancy-tables.js';
import { organisationAggregate } from './organisation-aggregate.js';
import {
  invitationFromRow,
  membershipFromRow,
  organisationFromRow,
} from './organisation.mapper.js';
import type {
  CreateOrganisationInput,
  Invitation,
  InviteMemberInput,
  Membership,
  Organisation,
  OrganisationRoleValue,
} from './organisation.types.js';

const idSchema = z.uuid({ error: 'expected a uuid' });
/** Invitations stay valid for two weeks unless the inviter says otherwise. */
const DEFAULT_INVITATION_DAYS = 14;

/** Organisations, their members and invitations. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly database: DatabaseService,
    private readonly repository: TenancyRepository,
    private readonly writer: TenancyEventWriter,
    private readonly revocations: ShareRevocations,
  ) {}

  /** The organisations the caller is a member of. */
  async list(scope: RequestScope): Promise<Organisation[]> {
    if (scope.userId === null) throw new Unauthenticated();
    // Row-level security shows the caller's own memberships and their organisations only.
    const rows = await this.database.transaction(scope, (trx) =>
      this.repository.organisations(tenancyDb(trx)),
    );
    return rows.map(organisationFromRow);
  }

  /** One organisation the caller belongs to. */
  async get(scope: RequestScope, rawId: string): Promise<Organisation> {
    const organisationId = parseInput(idSchema, rawId, 'id');
    const access = requireOrganisation(scope, organisationId, 'Query.organisation');
    const row = await this.database.transaction(access.transactionScope, (trx) =>
      this.repository.organisation(tenancyDb(trx), organisationId),
    );
    if (row === undefined) throw new NotFound('Organisation', organisationId, 'organisationId');
    return organisationFromRow(row);
  }

  /** Members of an organisation the caller belongs to. */
  async members(scope: RequestScope, rawId: string): Promise<Membership[]> {
    const organisationId = parseInput(idSchema, rawId, 'organisationId');
    const access = requireOrganisation(scope, organisationId, 'Query.members');
    const rows = await this.database.transaction(access.transactionScope, (trx) =>
      this.repository.members(tenancyDb(trx), organisationId),
    );
    return rows.map(membershipFromRow);
  }

  /** Invitations of an organisation; admins only, since they list outsiders' emails. */
  async invitations(scope: RequestScope, rawId: string): Promise<Invitation[]> {
    const organisationId = parseInput(idSchema, rawId, 'organisationId');
    const access = requireOrganisation(scope, organisationId, 'Query.invitations');
    const rows = await this.database.transaction(access.transactionScope, (trx) =>
      this.repository.invitations(tenancyDb(trx), organisationId),
    );
    return rows.map(invitationFromRow);
  }

  /** Creates an organisation with the caller as its first admin. */
  async create(scope: RequestScope, input: CreateOrganisationInput): Promise<Organisation> {
    const { caller } = tenancyScopeOf(scope);
    if (caller.userId === null || caller.email === null) throw new Unauthenticated();
    const slug = input.slug.trim().toLowerCase();
    const isTaken = await this.database.systemTransaction((trx) =>
      this.repository.isSlugTaken(tenancyDb(trx), slug),
    );
    if (isTaken) throw new Conflict(`input.slug: '${slug}' is taken`, {}, 'input.slug');
    const organisationId = randomUUID();
    const context = this.context(caller.userId, caller.email);
    const { state } = await this.writer.execute(
      organisationAggregate,
      organisationStreamId(organisationId),
      { type: 'CreateOrganisation', organisationId, name: input.name, slug },
      context,
      this.metadata(scope, caller.userId, organisationId),
      'input',
    );
    return {
      id: organisationId,
      name: state.name,
      slug: state.slug,
      createdAt: new Date(context.now),
    };
  }

  /** Invites an email address to join at a role. */
  async invite(scope: RequestScope, input: InviteMemberInput): Promise<Invitation> {
    const organisationId = parseInput(idSchema, input.organisationId, 'input.organisationId');
    const access = requireOrganisation(scope, organisationId, 'Mutation.inviteMember');
    const invitationId = randomUUID();
    const now = new Date();
    const expiresAt =
      input.expiresAt ?? new Date(now.getTime() + DEFAULT_INVITATION_DAYS * 86_400_000);
    const { state } = await this.run(
      scope,
      access.userId,
      organisationId,
      {
        type: 'InviteMember',
        organisationId,
        invitationId,
        email: input.email,
        role: input.role,
        expiresAt: expiresAt.toISOString(),
      },
      'input',
    );
    const invitation = state.invitations[invitationId];
    if (invitation === undefined) throw new Error('invitation missing after MemberInvited');
    return {
      id: invitationId,
      organisationId,
      email: invitation.email,
      role: invitation.role as OrganisationRoleValue,
      status: invitation.status,
      expiresAt: new Date(invitation.expiresAt),
    };
  }

  /**
   * Accepts an invitation as the signed-in user. The caller is not a member
   * yet, so the only check is the domain's: the invitation names their email.
   * Any refusal that would reveal someone else's invitation answers "not found".
   */
  async accept(
    scope: RequestScope,
    rawOrganisationId: string,
    rawInvitationId: string,
  ): Promise<Membership> {
    const organisationId = parseInput(idSchema, rawOrganisationId, 'organisationId');
    const invitationId = parseInput(idSchema, rawInvitationId, 'invitationId');
    const { caller } = tenancyScopeOf(scope);
    if (caller.userId === null || caller.email === null) throw new Unauthenticated();
    const { state: before } = await this.writer.load(
      organisationAggregate,
      organisationStreamId(organisationId),
    );
    const invitation = before.invitations[invitationId];
    if (invitation === undefined || invitation.email !== caller.email.trim().toLowerCase()) {
      throw new NotFound('Invitation', invitationId, 'invitationId');
    }
    const { state } = await this.run(scope, caller.userId, organisationId, {
      type: 'AcceptInvitation',
      organisationId,
      invitationId,
    });
    return this.membershipOf(state, organisationId, caller.userId);
  }

  /** Withdraws a pending invitation. */
  async revokeInvitation(
    scope: RequestScope,
    rawOrganisationId: string,
    rawInvitationId: string,
  ): Promise<Invitation> {
    const organisationId = parseInput(idSchema, rawOrganisationId, 'organisationId');
    const invitationId = parseInput(idSchema, rawInvitationId, 'invitationId');
    const access = requireOrganisation(scope, organisationId, 'Mutation.revokeInvitation');
    const { state } = await this.run(scope, access.userId, organisationId, {
      type: 'RevokeInvitation',
      organisationId,
      invitationId,
    });
    const invitation = state.invitations[invitationId];
    if (invitation === undefined) throw new NotFound('Invitation', invitationId, 'invitationId');
    return {
      id: invitationId,
      organisationId,
      email: invitation.email,
      role: invitation.role as OrganisationRoleValue,
      status: invitation.status,
      expiresAt: new Date(invitation.expiresAt),
    };
  }

  /** Changes a member's role (admins only; never the last admin). */
  async changeRole(
    scope: RequestScope,
    rawOrganisationId: string,
    rawUserId: string,
    role: OrganisationRoleValue,
  ): Promise<Membership> {
    const organisationId = parseInput(idSchema, rawOrganisationId, 'organisationId');
    const userId = parseInput(idSchema, rawUserId, 'userId');
    const access = requireOrganisation(scope, organisationId, 'Mutation.changeMemberRole');
    const { state } = await this.run(scope, access.userId, organisationId, {
      type: 'ChangeMemberRole',
      organisationId,
      userId,
      role,
    });
    // A demotion narrows what open subscriptions of this organisation may keep receiving.
    await this.revocations.publish({ systemId: null, granteeOrganisationId: organisationId });
    return this.membershipOf(state, organisationId, userId);
  }

  /** Removes a member (an admin removing anyone, or a member leaving). */
  async removeMember(
    scope: RequestScope,
    rawOrganisationId: string,
    rawUserId: string,
  ): Promise<boolean> {
    const organisationId = parseInput(idSchema, rawOrganisationId, 'organisationId');
    const userId = parseInput(idSchema, rawUserId, 'userId');
    const isLeaving = userId === scope.userId;
    const access = requireOrganisation(
      scope,
      organisationId,
      isLeaving ? 'Mutation.removeMember:self' : 'Mutation.removeMember',
    );
    await this.run(scope, access.userId, organisationId, {
      type: 'RemoveMember',
      organisationId,
      userId,
    });
    return true;
  }

  /** Runs an Organisation command; refusals name their field under `argument` when the command came in one. */
  private async run(
    scope: RequestScope,
    userId: string,
    organisationId: string,
    command: object,
    argument?: string,
  ) {
    const { caller } = tenancyScopeOf(scope);
    return this.writer.execute(
      organisationAggregate,
      organisationStreamId(organisationId),
      command,
      this.context(userId, caller.email ?? ''),
      this.metadata(scope, userId, organisationId),
      argument,
    );
  }

  private context(userId: string, email: string): TenancyCommandContext {
    return { actor: { userId, email }, now: new Date().toISOString() };
  }

  private metadata(scope: RequestScope, userId: string, organisationId: string) {
    return { actor: userId, organisation: organisationId, correlationId: scope.requestId };
  }

  private membershipOf(
    state: OrganisationState,
    organisationId: string,
    userId: string,
  ): Membership {
    const member = state.members[userId];
    if (member === undefined) throw new NotFound('Member', userId, 'userId');
    return {
      organisationId,
      userId,
      email: member.email,
      role: member.role as OrganisationRoleValue,
    };
  }
}
