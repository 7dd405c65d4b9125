import { z } from 'zod';
import { ScoringValidationError } from '../errors.js';
import type { Severity } from '../severity.js';
import { toValidationError } from '../validation-issue.js';

/** A score range mapped to a severity and the policy an organisation applies to it. */
export interface SeverityBand {
  severity: Exclude<Severity, 'none'>;
  /** Lowest score in the band, inclusive, one decimal. */
  min: number;
  /** Highest score in the band, inclusive, one decimal. */
  max: number;
  /** What the organisation does about a risk in this band. */
  policy: string;
}

/** The four band severities from least to most severe. */
export const bandSeverities = ['low', 'medium', 'high', 'critical'] as const;

/**
 * GenomeWell's bands, used when an organisation has not defined its own. The
 * ranges are the CVSS qualitative scale; the policies are GenomeWell's.
 */
export const defaultSeverityBands: readonly SeverityBand[] = Object.freeze(
  [
    {
      severity: 'critical',
      min: 9.0,
      max: 10.0,
      policy: 'Fix immediately or formally accept with executive sign-off',
    },
    { severity: 'high', min: 7.0, max: 8.9, policy: 'Plan mitigation in the current cycle' },
    { severity: 'medium', min: 4.0, max: 6.9, policy: 'Schedule a fix; monitor for changes' },
    { severity: 'low', min: 0.1, max: 3.9, policy: 'Log, track, revisit quarterly' },
  ].map((band) => Object.freeze(band as SeverityBand)),
);

const oneDecimalScore = z
  .number({ error: 'a score from 0.1 to 10.0 with one decimal' })
  .min(0.1, { error: 'a score from 0.1 to 10.0 with one decimal' })
  .max(10, { error: 'a score from 0.1 to 10.0 with one decimal' })
  .refine((score) => Math.abs(score * 10 - Math.round(score * 10)) < 1e-9, {
    error: 'a score from 0.1 to 10.0 with one decimal',
  });

const bandSchema = z.object(
  {
    severity: z.enum(bandSeverities, { error: `one of ${bandSeverities.join(', ')}` }),
    min: oneDecimalScore,
    max: oneDecimalScore,
    policy: z
      .string({ error: 'a policy text' })
      .trim()
      .min(1, { error: 'a non-empty policy text' }),
  },
  { error: 'a band { severity, min, max, policy }' },
);

const bandsSchema = z.array(bandSchema, { error: 'a list of four severity bands' });

const tenths = (score: number) => Math.round(score * 10);

/**
 * Validates an organisation's bands: one band per severity (low, medium, high,
 * critical), each with min <= max, more severe bands higher up the scale, and
 * together covering 0.1-10.0 without gap or overlap. Returns them from most to
 * least severe; throws ScoringValidationError naming the offending field.
 */
export function validateSeverityBands(bands: unknown): SeverityBand[] {
  const parsed = bandsSchema.safeParse(bands);
  if (!parsed.success) throw toValidationError(parsed.error, 'bands');
  const list = parsed.data.map((band, index) => ({ ...band, index }));

  const seen = new Map<string, number>();
  for (const band of list) {
    if (seen.has(band.severity)) {
      throw new ScoringValidationError(
        `bands[${band.index}].severity`,
        `each of ${bandSeverities.join(', ')} exactly once ('${band.severity}' is also bands[${seen.get(band.severity)}])`,
      );
    }
    seen.set(band.severity, band.index);
    if (band.min > band.max) {
      throw new ScoringValidationError(`bands[${band.index}].max`, `at least min (${band.min})`);
    }
  }
  const absent = bandSeverities.find((severity) => !seen.has(severity));
  if (absent !== undefined) {
    throw new ScoringValidationError(
      'bands',
      `a band for each of ${bandSeverities.join(', ')} (${absent} is missing)`,
    );
  }

  const ascending = [...list].sort(
    (a, b) => bandSeverities.indexOf(a.severity) - bandSeverities.indexOf(b.severity),
  );
  const [lowest] = ascending;
  if (lowest !== undefined && tenths(lowest.min) !== 1) {
    throw new ScoringValidationError(
      `bands[${lowest.index}].min`,
      '0.1, so that every positive score has a band',
    );
  }
  for (let i = 1; i < ascending.length; i++) {
    const below = ascending[i - 1];
    const band = ascending[i];
    if (below === undefined || band === undefined) continue;
    if (tenths(band.min) <= tenths(below.max)) {
      throw new ScoringValidationError(
        `bands[${band.index}].min`,
        `above ${below.severity}'s max (${below.max}): bands must not overlap and must rise with severity`,
      );
    }
    if (tenths(band.min) !== tenths(below.max) + 1) {
      throw new ScoringValidationError(
        `bands[${band.index}].min`,
        `${(tenths(below.max) + 1) / 10}, right after ${below.severity}'s max (${below.max}), so bands leave no gap`,
      );
    }
  }
  const highest = ascending[ascending.length - 1];
  if (highest !== undefined && tenths(highest.max) !== 100) {
    throw new ScoringValidationError(
      `bands[${highest.index}].max`,
      '10.0, so that every score has a band',
    );
  }
  return ascending
    .reverse()
    .map(({ severity, min, max, policy }) => ({ severity, min, max, policy }));
}

/**
 * The band a score falls in, or null for a score of 0 (no risk). A score between
 * two band edges (6.95 from an average) belongs to the lower band, and any
 * positive score is at least in the lowest band. Throws for a score outside 0-10.
 */
export function bandFor(
  score: number,
  bands: readonly SeverityBand[] = defaultSeverityBands,
): SeverityBand | null {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new ScoringValidationError('score', 'a number from 0.0 to 10.0');
  }
  if (score === 0) return null;
  let match: SeverityBand | null = null;
  for (const band of bands) {
    if (band.min <= score + 1e-9 && (match === null || band.min > match.min)) match = band;
  }
  if (match !== null) return match;
  // Below every band's min (only possible between 0 and 0.1): the least severe band.
  return bands.reduce<SeverityBand | null>(
    (lowest, band) => (lowest === null || band.min < lowest.min ? band : lowest),
    null,
  );
}

/** The severity of a score under the given bands ('none' for 0). */
export function severityFor(
  score: number,
  bands: readonly SeverityBand[] = defaultSeverityBands,
): Severity {
  return bandFor(score, bands)?.severity ?? 'none';
}

/** The band (and so the policy) for a severity, or null for 'none'. */
export function bandForSeverity(
  severity: Severity,
  bands: readonly SeverityBand[] = defaultSeverityBands,
): SeverityBand | null {
  return bands.find((band) => band.severity === severity) ?? null;
}
