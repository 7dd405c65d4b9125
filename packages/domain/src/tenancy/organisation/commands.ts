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

/** Every command the Organisation aggregate accepts. */
export const organisationCommandSchema = z.discriminatedUnion('type', [
  createOrganisationSchema,
  inviteMemberSchema,
  acceptInvitationSchema,
  revokeInvitationSchema,
  changeMemberRoleSchema,
  removeMemberSchema,
]);

/** A validated Organisation command. */
export type OrganisationCommand = z.infer<typeof organisationCommandSchema>;
