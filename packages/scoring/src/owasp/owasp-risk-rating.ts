import { z } from 'zod';
import type { Severity } from '../severity.js';
import { toValidationError } from '../validation-issue.js';

const factor = z
  .number({ error: 'an integer from 0 to 9' })
  .int({ error: 'an integer from 0 to 9' })
  .min(0, { error: 'an integer from 0 to 9' })
  .max(9, { error: 'an integer from 0 to 9' });

const group = <K extends string>(names: readonly K[], label: string) =>
  z.strictObject(
    Object.fromEntries(names.map((name) => [name, factor])) as Record<K, typeof factor>,
    {
      error: `${label}: an object with ${names.join(', ')}, each an integer from 0 to 9`,
    },
  );

const owaspFactorsSchema = z.strictObject(
  {
    threatAgent: group(
      ['skillLevel', 'motive', 'opportunity', 'size'] as const,
      'threat agent factors',
    ),
    vulnerability: group(
      ['easeOfDiscovery', 'easeOfExploit', 'awareness', 'intrusionDetection'] as const,
      'vulnerability factors',
    ),
    technicalImpact: group(
      [
        'lossOfConfidentiality',
        'lossOfIntegrity',
        'lossOfAvailability',
        'lossOfAccountability',
      ] as const,
      'technical impact factors',
    ),
    businessImpact: group(
      ['financialDamage', 'reputationDamage', 'nonCompliance', 'privacyViolation'] as const,
      'business impact factors',
    ).optional(),
  },
  {
    error:
      'an object with threatAgent, vulnerability, technicalImpact and optional businessImpact factors',
  },
);

/** The factors of the OWASP Risk Rating Methodology, each rated 0-9. */
export type OwaspFactors = z.infer<typeof owaspFactorsSchema>;

/** OWASP's three levels for likelihood and impact. */
export type OwaspLevel = 'low' | 'medium' | 'high';

/** OWASP's overall risk severity, which has 'note' below 'low'. */
export type OwaspSeverity = 'note' | 'low' | 'medium' | 'high' | 'critical';

/** The result of rating one threat with the OWASP Risk Rating Methodology. */
export interface OwaspRating {
  /** Average of the eight likelihood factors, 0-9. */
  likelihoodScore: number;
  likelihood: OwaspLevel;
  /** Average of the business impact factors when given, else of the technical impact factors, 0-9. */
  impactScore: number;
  impact: OwaspLevel;
  /** Which factors the impact was taken from. */
  impactBasis: 'business' | 'technical';
  /** The methodology's own overall severity. */
  owaspSeverity: OwaspSeverity;
  /** The same on our scale: 'note' becomes 'none' (informational, below low). */
  severity: Severity;
}

// OWASP: 0 to <3 LOW, 3 to <6 MEDIUM, 6 to 9 HIGH.
function level(score: number): OwaspLevel {
  if (score < 3) return 'low';
  if (score < 6) return 'medium';
  return 'high';
}

// The methodology's "Overall Risk Severity" table, indexed [impact][likelihood].
const overallSeverity: Record<OwaspLevel, Record<OwaspLevel, OwaspSeverity>> = {
  high: { low: 'medium', medium: 'high', high: 'critical' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  low: { low: 'note', medium: 'low', high: 'medium' },
};

// 'note' is OWASP's informational rung below 'low'; our only rung below low is
// 'none'. The OWASP word is kept on the rating so nothing is lost.
const onOurScale: Record<OwaspSeverity, Severity> = {
  note: 'none',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

const average = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Rates a threat with the OWASP Risk Rating Methodology: likelihood is the
 * average of the threat-agent and vulnerability factors, impact the average of
 * the business impact factors when given (the methodology prefers them) or else
 * of the technical ones; each maps to LOW/MEDIUM/HIGH and the pair to a
 * severity. Throws ScoringValidationError for a missing or out-of-range factor.
 */
export function owaspRiskRating(factors: OwaspFactors): OwaspRating {
  const parsed = owaspFactorsSchema.safeParse(factors);
  if (!parsed.success) throw toValidationError(parsed.error, 'factors');
  const { threatAgent, vulnerability, technicalImpact, businessImpact } = parsed.data;

  const likelihoodScore = average([...Object.values(threatAgent), ...Object.values(vulnerability)]);
  const impactBasis = businessImpact === undefined ? 'technical' : 'business';
  const impactScore = average(Object.values(businessImpact ?? technicalImpact));
  const likelihood = level(likelihoodScore);
  const impact = level(impactScore);
  const owaspSeverity = overallSeverity[impact][likelihood];
  return {
    likelihoodScore,
    likelihood,
    impactScore,
    impact,
    impactBasis,
    owaspSeverity,
    severity: onOurScale[owaspSeverity],
  };
}
