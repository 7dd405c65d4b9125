import { z } from 'zod';
import { MAX_EMAIL_LENGTH, nameText } from '../../text-limits.js';
import { organisationRoleSchema } from '../roles.js';

const organisationId = z.uuid();
/** Emails compare case-insensitively, so they are normalised once at the edge. */
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, { error: `an email address of at most ${MAX_EMAIL_LENGTH} characters` })
  .pipe(z.email({ message: 'an email address' }));

export const createOrganisationSchema = z.object({
  type: z.literal('CreateOrganisation'),
  organisationId,
  name: nameText(),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens'),
});

export const inviteMemberSchema = z.object({
  type: z.literal('InviteMember'),
  organisationId,
  invitationId: z.uuid(),
  email,
  role: organisationRoleSchema,
  expiresAt: z.iso.datetime({ offset: true, message: 'an ISO-8601 timestamp' }),
});

export const acceptInvitationSchema = z.object({
  type: z.literal('AcceptInvitation'),
  organisationId,
  invitationId: z.uuid(),
});

export const revokeInvitationSchema = z.object({
  type: z.literal('RevokeInvitation'),
  organisationId,
  invitationId: z.uuid(),
});

export const changeMemberRoleSchema = z.object({
  type: z.literal('ChangeMemberRole'),
  organisationId,
  userId: z.uuid(),
  role: organisationRoleSchema,
});

export const removeMemberSchema = z.object({
  type: z.literal('RemoveMember'),
  organisationId,
  userId: z.uuid(),
});

/** Roles single sign-on may grant on its own: never risk_owner or admin (ADR 0010). */
export const singleSignOnRoles = ['viewer', 'editor'] as const;

export const joinThroughSingleSignOnSchema = z.object({
  type: z.literal('JoinThroughSingleSignOn'),
  organisationId,
  userId: z.uuid(),
  email,
  role: z.enum(singleSignOnRoles, {
    message: 'viewer or editor (single sign-on never grants risk_owner or admin)',
  }),
  issuer: z.url({ message: 'the issuer URL' }),
});

/** Every command the Organisation aggregate accepts. */
export const organisationCommandSchema = z.discriminatedUnion('type', [
  createOrganisationSchema,
  inviteMemberSchema,
  acceptInvitationSchema,
  revokeInvitationSchema,
  changeMemberRoleSchema,
  removeMemberSchema,
  joinThroughSingleSignOnSchema,
]);

/** A validated Organisation command. */
export type OrganisationCommand = z.infer<typeof organisationCommandSchema>;
