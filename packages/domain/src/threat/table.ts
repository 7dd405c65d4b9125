import type { Severity } from '@threatloom/scoring';
import { severityRank } from '@threatloom/scoring';
import type { ModelContent } from '../model/types.js';
import type { Strategy, StrideCategory, ThreatStatus } from '../model/vocabulary.js';
import { threatResidualRisk } from './residual.js';
import { threatScoreValue, threatSeverity } from './severity.js';

/** One row of the threat register, with the columns of the GenomeWell register. */
export interface ThreatTableRow {
  ref: number;
  threatId: string;
  sourceRef: number | null;
  target: { kind: 'element' | 'flow'; id: string; name: string } | null;
  stride: StrideCategory;
  title: string;
  vector: string | null;
  score: number | null;
  severity: Severity | null;
  strategies: Strategy[];
  owners: string[];
  status: ThreatStatus;
  /** The earliest due date among the threat's mitigations. */
  due: string | null;
  /**
   * Residual severity today: computed from the score and the effectiveness of
   * implemented or verified mitigations when any is estimated, else the highest
   * residual severity a mitigation states (the conservative reading).
   */
  residual: Severity | null;
  /** Residual score today, computed; null without a numeric score. */
  residualScore: number | null;
  /** Residual score once every planned mitigation is in place. */
  targetResidualScore: number | null;
}

/** Computes the threat register: one row per threat, by ref. */
export function threatTable(content: ModelContent): ThreatTableRow[] {
  return Object.values(content.threats)
    .sort((a, b) => a.ref - b.ref)
    .map((threat) => {
      const mitigations = Object.values(content.mitigations).filter((m) =>
        m.threatIds.includes(threat.id),
      );
      const target = threat.target;
      const targetName = target
        ? (target.kind === 'element' ? content.elements[target.id] : content.flows[target.id])?.name
        : undefined;
      const dues = mitigations
        .map((m) => m.dueDate)
        .filter((d): d is string => d !== null)
        .sort();
      const residuals = mitigations
        .map((m) => m.residualRisk?.severity ?? null)
        .filter((s): s is Severity => s !== null)
        .sort((a, b) => severityRank(b) - severityRank(a));
      const today = threatResidualRisk(content, threat.id);
      const estimated = mitigations.some((m) => m.effectiveness !== null);
      const computedResidual = today && estimated ? today.severity : null;
      return {
        ref: threat.ref,
        threatId: threat.id,
        sourceRef: threat.sourceRef,
        target: target ? { ...target, name: targetName ?? target.id } : null,
        stride: threat.stride,
        title: threat.title,
        vector: threat.score?.method === 'cvss' ? threat.score.vector : null,
        score: threatScoreValue(threat),
        severity: threatSeverity(threat, content.settings),
        strategies: [...new Set(mitigations.flatMap((m) => m.strategies))],
        owners: [
          ...new Set(mitigations.map((m) => m.owner).filter((o): o is string => o !== null)),
        ],
        status: threat.status,
        due: dues[0] ?? null,
        residual: computedResidual ?? residuals[0] ?? null,
        residualScore: today?.residualScore ?? null,
        targetResidualScore: threatResidualRisk(content, threat.id, 'all')?.residualScore ?? null,
      };
    });
}
