import {
  threatScoreValue,
  threatSeverity,
  type ModelContent,
  type Strategy,
  type StrideCategory,
  type ThreatStatus,
} from '@threatloom/domain';
import type { Severity } from '@threatloom/scoring';

/** What a threat concerns, with the name people know it by. */
export interface RegisterTarget {
  kind: 'element' | 'flow';
  id: string;
  name: string;
}

/** One line of the threat register. */
export interface RegisterRow {
  threatId: string;
  /** 0 until the server numbered a threat just added. */
  ref: number;
  title: string;
  target: RegisterTarget | null;
  stride: StrideCategory;
  score: number | null;
  severity: Severity | null;
  /** The strategies of the mitigations planned on the threat. */
  strategies: Strategy[];
  /** The owners of those mitigations. */
  owners: string[];
  status: ThreatStatus;
}

/** The key a target is filtered and grouped by (`none` for a detached threat). */
export function targetKey(target: { kind: string; id: string } | null): string {
  return target ? `${target.kind}:${target.id}` : 'none';
}

/**
 * The register's rows, by ref: the columns of the domain's `threatTable`
 * that the register shows, with the mitigations indexed once, so a model of
 * thousands of threats is read again on every keystroke of every editor.
 */
export function registerRows(content: ModelContent): RegisterRow[] {
  const mitigationsByThreat = new Map<string, { strategies: Strategy[]; owner: string | null }[]>();
  for (const mitigation of Object.values(content.mitigations)) {
    for (const threatId of mitigation.threatIds ?? []) {
      let list = mitigationsByThreat.get(threatId);
      if (!list) mitigationsByThreat.set(threatId, (list = []));
      list.push({ strategies: mitigation.strategies ?? [], owner: mitigation.owner ?? null });
    }
  }
  return Object.values(content.threats)
    .map((threat): RegisterRow => {
      const mitigations = mitigationsByThreat.get(threat.id) ?? [];
      const scored = { ...threat, score: threat.score ?? null };
      const target = threat.target ?? null;
      const entity = target
        ? target.kind === 'element'
          ? content.elements[target.id]
          : content.flows[target.id]
        : undefined;
      return {
        threatId: threat.id,
        ref: typeof threat.ref === 'number' ? threat.ref : 0,
        title: typeof threat.title === 'string' ? threat.title : '',
        target: target
          ? { kind: target.kind, id: target.id, name: entity?.name || target.id }
          : null,
        stride: threat.stride,
        score: threatScoreValue(scored),
        severity: threatSeverity(scored, content.settings),
        strategies: [...new Set(mitigations.flatMap((mitigation) => mitigation.strategies))],
        owners: [
          ...new Set(
            mitigations
              .map((mitigation) => mitigation.owner)
              .filter((owner): owner is string => typeof owner === 'string' && owner !== ''),
          ),
        ],
        status: threat.status,
      };
    })
    .sort((a, b) => a.ref - b.ref || a.threatId.localeCompare(b.threatId));
}
