import { aggregateRisk, bandForSeverity, type AggregateRisk } from '@threatloom/scoring';
import type { ModelContent, Threat } from '../model/types.js';
import { threatResidualRisk } from '../threat/residual.js';
import { threatScoreValue, threatSeverity } from '../threat/severity.js';

/** A model's risk in scoring's rankable figure, before and after the controls in place. */
export interface ModelRisk {
  inherent: AggregateRisk;
  residual: AggregateRisk;
  /** Threats with neither a score nor a severity: not counted, shown so nobody mistakes silence for safety. */
  unscoredThreatIds: string[];
}

/**
 * A threat's numeric score, or for severity-only scores (OWASP, matrix, stated
 * severity) the lowest score of its band: a lower bound, never an invention.
 */
function inherentScoreOf(threat: Threat, content: ModelContent): number | null {
  const score = threatScoreValue(threat);
  if (score !== null) return score;
  const severity = threatSeverity(threat, content.settings);
  if (severity === null) return null;
  if (severity === 'none') return 0;
  return bandForSeverity(severity, content.settings.severityBands)?.min ?? null;
}

/** Aggregates a model's threats (except those marked not applicable) for portfolio ranking. */
export function modelRisk(content: ModelContent): ModelRisk {
  const inherent: number[] = [];
  const residual: number[] = [];
  const unscoredThreatIds: string[] = [];
  for (const threat of Object.values(content.threats)) {
    if (threat.status === 'not_applicable') continue;
    const score = inherentScoreOf(threat, content);
    if (score === null) {
      unscoredThreatIds.push(threat.id);
      continue;
    }
    inherent.push(score);
    residual.push(threatResidualRisk(content, threat.id)?.residualScore ?? score);
  }
  return {
    inherent: aggregateRisk(inherent, content.settings.severityBands),
    residual: aggregateRisk(residual, content.settings.severityBands),
    unscoredThreatIds,
  };
}
