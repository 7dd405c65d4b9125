import { z } from 'zod';
import { type SeverityBand, bandFor, defaultSeverityBands } from '../bands/severity-bands.js';
import type { Severity } from '../severity.js';
import { toValidationError } from '../validation-issue.js';

/** Named effectiveness levels for teams that do not estimate a fraction. */
export const effectivenessLevels = Object.freeze({
  none: 0,
  low: 0.25,
  medium: 0.5,
  high: 0.75,
  complete: 1,
});

/** One of the named effectiveness levels. */
export type EffectivenessLevel = keyof typeof effectivenessLevels;

/** Where a mitigation stands; only controls in place reduce today's risk. */
export type MitigationStatus = 'planned' | 'in_progress' | 'implemented' | 'verified';

/** What one mitigation does to a threat: the fraction of the risk it removes, and whether it is in place. */
export interface MitigationEffect {
  /** Fraction of the remaining risk the control removes (0-1), or a named level. */
  effectiveness: number | EffectivenessLevel;
  status: MitigationStatus;
}

/** Options for residualRisk. */
export interface ResidualRiskOptions {
  /**
   * Which mitigations count: 'in-place' (implemented or verified) gives today's
   * residual risk; 'all' includes planned and in-progress ones too, giving the
   * target residual risk once the plan is done. Default 'in-place'.
   */
  counting?: 'in-place' | 'all';
  /** Bands that give the residual severity. Default: defaultSeverityBands. */
  bands?: readonly SeverityBand[];
}

/** Risk left after mitigation, with what was taken off and its band. */
export interface ResidualRisk {
  inherentScore: number;
  residualScore: number;
  /** inherentScore - residualScore, one decimal. */
  reduction: number;
  /** How many mitigations were credited. */
  mitigationsCounted: number;
  severity: Severity;
  band: SeverityBand | null;
}

const inPlace: readonly MitigationStatus[] = ['implemented', 'verified'];

const inputSchema = z.object({
  inherentScore: z
    .number({ error: 'a score from 0.0 to 10.0' })
    .min(0, { error: 'a score from 0.0 to 10.0' })
    .max(10, { error: 'a score from 0.0 to 10.0' }),
  mitigations: z.array(
    z.object(
      {
        effectiveness: z.union(
          [
            z.number().min(0).max(1),
            z.enum(
              Object.keys(effectivenessLevels) as [EffectivenessLevel, ...EffectivenessLevel[]],
            ),
          ],
          {
            error: `a fraction from 0 to 1 or one of ${Object.keys(effectivenessLevels).join(', ')}`,
          },
        ),
        status: z.enum(['planned', 'in_progress', 'implemented', 'verified'], {
          error: 'one of planned, in_progress, implemented, verified',
        }),
      },
      { error: 'a mitigation { effectiveness, status }' },
    ),
    { error: 'a list of mitigations' },
  ),
});

const toTenths = (score: number) => Math.round(score * 10) / 10;

/**
 * Residual risk = inherent score x product of (1 - effectiveness) over the
 * mitigations that count, rounded to one decimal. Controls act one after
 * another on what the previous ones left, so two 50% controls leave 25%, never
 * less than zero, and the residual never exceeds the inherent score.
 */
export function residualRisk(
  inherentScore: number,
  mitigations: readonly MitigationEffect[],
  options: ResidualRiskOptions = {},
): ResidualRisk {
  const parsed = inputSchema.safeParse({ inherentScore, mitigations });
  if (!parsed.success) throw toValidationError(parsed.error, 'residualRisk');
  const counted = parsed.data.mitigations.filter(
    (mitigation) =>
      (options.counting ?? 'in-place') === 'all' || inPlace.includes(mitigation.status),
  );
  const remaining = counted.reduce((fraction, { effectiveness }) => {
    const removed =
      typeof effectiveness === 'number' ? effectiveness : effectivenessLevels[effectiveness];
    return fraction * (1 - removed);
  }, 1);
  const residualScore = Math.min(inherentScore, toTenths(inherentScore * remaining));
  const band = bandFor(residualScore, options.bands ?? defaultSeverityBands);
  return {
    inherentScore,
    residualScore,
    reduction: toTenths(inherentScore - residualScore),
    mitigationsCounted: counted.length,
    severity: band?.severity ?? 'none',
    band,
  };
}
