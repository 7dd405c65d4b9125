import { createOrganisationSchema } from '@threatloom/domain';

/** Longest slug the domain accepts. */
const MAX_SLUG_LENGTH = 63;

/**
 * A slug suggested for an organisation's name: lower-case ASCII letters and
 * digits joined by single hyphens ("Helix Sequencing GmbH" -> "helix-sequencing-gmbh").
 */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

/** Why the domain refuses a slug, or null when it accepts it. */
export function slugProblem(slug: string): string | null {
  const result = createOrganisationSchema.shape.slug.safeParse(slug.trim().toLowerCase());
  return result.success
    ? null
    : `Use lower-case letters, digits and hyphens (at most ${MAX_SLUG_LENGTH}), starting and ending with a letter or digit`;
}
