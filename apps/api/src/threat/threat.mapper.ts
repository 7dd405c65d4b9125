import type { ThreatRow } from './threat.repository.js';
import type { Threat } from './threat.types.js';

/** Maps a read-model row to the GraphQL Threat shape. */
export function threatFromRow(row: ThreatRow): Threat {
  return {
    id: row.threat_id,
    modelId: row.model_id,
    ref: row.ref,
    sourceRef: row.source_ref,
    title: row.title,
    stride: row.stride,
    linddun: row.linddun,
    targetKind: row.target_kind,
    targetId: row.target_id,
    status: row.status,
    score:
      row.score_method === null
        ? null
        : {
            method: row.score_method,
            vector: row.score_vector,
            value: row.score,
            severity: row.severity,
            statedValue: row.stated_score,
          },
    mitigations: row.mitigations,
    decision: row.decision,
  };
}
