import { isAtLeast, type ModelSettings } from '@threatloom/domain';
import {
  bandForSeverity,
  severityFor,
  type Severity,
  type SeverityBand,
} from '@threatloom/scoring';
import { severityAppearance } from './severity-presentation.js';

/** What the model's settings say about a severity, in words. */
export interface SeverityPolicy {
  readonly severity: Severity;
  /** The band of that severity, null for 'none' (below every band). */
  readonly band: SeverityBand | null;
  /** "7.0-8.9", the band's score range. */
  readonly range: string | null;
  /** The band's policy text, or what a severity of none means. */
  readonly policy: string;
  /** Whether accepting or transferring the risk needs a rationale and a risk owner's approval. */
  readonly needsApproval: boolean;
  /** One sentence on approval, naming the model's threshold. */
  readonly approval: string;
}

const oneDecimal = (score: number) => score.toFixed(1);

/** The model's band policy and approval rule for a severity. */
export function severityPolicy(severity: Severity, settings: ModelSettings): SeverityPolicy {
  const band = bandForSeverity(severity, settings.severityBands);
  const threshold = severityAppearance[settings.approvalThreshold].label;
  const needsApproval = severity !== 'none' && isAtLeast(severity, settings.approvalThreshold);
  return {
    severity,
    band,
    range: band === null ? null : `${oneDecimal(band.min)}-${oneDecimal(band.max)}`,
    policy: band?.policy ?? 'No risk: below every severity band.',
    needsApproval,
    approval: needsApproval
      ? `Accepting or transferring this risk needs a rationale and a risk owner's approval (${threshold} and above).`
      : `It can be accepted or transferred without a risk owner's approval (needed from ${threshold} up).`,
  };
}

/** The severity a score stated by a person maps to under the model's bands. */
export function statedScoreSeverity(score: number, settings: ModelSettings): Severity {
  return severityFor(score, settings.severityBands);
}
