import { residualRisk, type MitigationEffect, type ResidualRisk } from '@threatloom/scoring';
import type { ModelContent } from '../model/types.js';
import type { MitigationStatus } from '../model/vocabulary.js';
import { threatScoreValue } from './severity.js';

/** How each mitigation status counts for scoring's residual risk; others do not count at all. */
const scoringStatus: Partial<Record<MitigationStatus, MitigationEffect['status']>> = {
  proposed: 'planned',
  open: 'planned',
  planned: 'planned',
  in_progress: 'in_progress',
  implemented: 'implemented',
  verified: 'verified',
};

/**
 * Residual risk of a threat computed from its numeric score and the estimated
 * effectiveness of its mitigations (scoring's formula, the model's bands).
 * 'in-place' credits implemented and verified controls (today's risk); 'all' the
 * whole plan (the target). Null when the threat has no numeric score.
 */
export function threatResidualRisk(
  content: ModelContent,
  threatId: string,
  counting: 'in-place' | 'all' = 'in-place',
): ResidualRisk | null {
  const threat = content.threats[threatId];
  const inherent = threat ? threatScoreValue(threat) : null;
  if (inherent === null) return null;
  const effects: MitigationEffect[] = [];
  for (const mitigation of Object.values(content.mitigations)) {
    const status = scoringStatus[mitigation.status];
    if (!mitigation.threatIds.includes(threatId) || status === undefined) continue;
    if (mitigation.effectiveness === null) continue;
    effects.push({ effectiveness: mitigation.effectiveness, status });
  }
  return residualRisk(inherent, effects, { counting, bands: content.settings.severityBands });
}
