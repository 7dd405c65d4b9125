import { z } from 'zod';
import {
  MAX_SYSTEM_TAG_LENGTH,
  MAX_SYSTEM_TAGS,
  isPrintableText,
  nameText,
  PRINTABLE_TEXT_EXPECTED,
} from '../../text-limits.js';
import { shareRoleSchema } from '../roles.js';

const systemId = z.uuid();

export const registerSystemSchema = z.object({
  type: z.literal('RegisterSystem'),
  systemId,
  ownerOrganisationId: z.uuid(),
  name: nameText(),
  /** 1 is the most critical tier (business-critical), 4 the least. */
  criticalityTier: z.number().int().min(1, 'a tier from 1 to 4').max(4, 'a tier from 1 to 4'),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'non-empty tags')
        .max(MAX_SYSTEM_TAG_LENGTH, `tags of at most ${MAX_SYSTEM_TAG_LENGTH} characters`)
        .refine(isPrintableText, PRINTABLE_TEXT_EXPECTED),
    )
    .max(MAX_SYSTEM_TAGS, `at most ${MAX_SYSTEM_TAGS} tags`)
    .default([])
    // Tags are a set: duplicates carry no meaning, so they are dropped at the edge.
    .transform((tags) => [...new Set(tags)]),
});

export const addThreatModelToSystemSchema = z.object({
  type: z.literal('AddThreatModelToSystem'),
  systemId,
  modelId: z.uuid(),
});

export const shareSystemSchema = z.object({
  type: z.literal('ShareSystem'),
  systemId,
  granteeOrganisationId: z.uuid(),
  role: shareRoleSchema,
});

export const changeSystemShareSchema = z.object({
  type: z.literal('ChangeSystemShare'),
  systemId,
  granteeOrganisationId: z.uuid(),
  role: shareRoleSchema,
});

export const revokeSystemShareSchema = z.object({
  type: z.literal('RevokeSystemShare'),
  systemId,
  granteeOrganisationId: z.uuid(),
});

/** Every command the System aggregate accepts. */
export const systemCommandSchema = z.discriminatedUnion('type', [
  registerSystemSchema,
  addThreatModelToSystemSchema,
  shareSystemSchema,
  changeSystemShareSchema,
  revokeSystemShareSchema,
]);

/** A validated System command. */
export type SystemCommand = z.infer<typeof systemCommandSchema>;
