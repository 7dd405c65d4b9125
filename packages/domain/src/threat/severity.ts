import { bandFor, severityRank, type Severity } from '@threatloom/scoring';
import type { ModelSettings, Threat } from '../model/types.js';

/**
 * The severity the model acts on: the computed one when the threat was scored by a
 * method, otherwise the stated severity, otherwise the band of the stated score.
 * Null when nothing is known.
 */
export function threatSeverity(threat: Threat, settings: ModelSettings): Severity | null {
  const score = threat.score;
  if (score === null) return null;
  if (score.severity !== null) return score.severity;
  if (score.stated?.severity) return score.stated.severity;
  if (score.stated?.score !== null && score.stated?.score !== undefined) {
    return bandFor(score.stated.score, settings.severityBands)?.severity ?? 'none';
  }
  return null;
}

/** The numeric score the model shows: computed when there is one, else stated. */
export function threatScoreValue(threat: Threat): number | null {
  const score = threat.score;
  if (score === null) return null;
  return score.score ?? score.stated?.score ?? null;
}

/** Whether `severity` is at or above `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}
