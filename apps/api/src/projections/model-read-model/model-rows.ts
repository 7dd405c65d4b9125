import { threatScoreValue, threatSeverity, type ModelState, type Threat } from '@threatloom/domain';
import type { Insertable } from 'kysely';
import type {
  ReadModelElementsTable,
  ReadModelFlowsTable,
  ReadModelModelsTable,
  ReadModelThreatsTable,
  ReadModelZonesTable,
  ThreatDecisionJson,
  ThreatMitigationJson,
} from '../../database/database-schema.js';

/** Ids whose entry differs between two records. Evolve never mutates, so an unchanged entry keeps its object. */
export function changedKeys<T>(before: Record<string, T>, after: Record<string, T>): Set<string> {
  const changed = new Set<string>();
  if (before === after) return changed;
  for (const [id, value] of Object.entries(after)) if (before[id] !== value) changed.add(id);
  for (const id of Object.keys(before)) if (!(id in after)) changed.add(id);
  return changed;
}

/**
 * Threats whose register row may differ after an event: the threat itself
 * changed, or a mitigation or decision linked to it (before or after) changed.
 */
export function affectedThreatIds(before: ModelState, after: ModelState): Set<string> {
  const affected = changedKeys(before.threats, after.threats);
  for (const id of changedKeys(before.mitigations, after.mitigations)) {
    before.mitigations[id]?.threatIds.forEach((threatId) => affected.add(threatId));
    after.mitigations[id]?.threatIds.forEach((threatId) => affected.add(threatId));
  }
  for (const id of changedKeys(before.decisions, after.decisions)) {
    const threatBefore = before.decisions[id]?.threatId;
    const threatAfter = after.decisions[id]?.threatId;
    if (threatBefore !== undefined) affected.add(threatBefore);
    if (threatAfter !== undefined) affected.add(threatAfter);
  }
  // A new severity band policy changes every threat's severity.
  if (before.settings !== after.settings)
    Object.keys(after.threats).forEach((id) => affected.add(id));
  return affected;
}

/** The rm_models row of a model state. */
export function modelRow(
  modelId: string,
  streamId: string,
  state: ModelState,
  streamVersion: number,
  position: number,
): Insertable<ReadModelModelsTable> {
  return {
    model_id: modelId,
    stream_id: streamId,
    name: state.name,
    description: state.description,
    organisation_id: state.organisationId,
    system_id: state.systemId,
    is_frozen: state.isFrozen,
    current_version: state.currentVersion,
    stream_version: streamVersion,
    last_position: position,
  };
}

/** The rm_zones row of a zone. */
export function zoneRow(
  modelId: string,
  zone: ModelState['zones'][string],
): Insertable<ReadModelZonesTable> {
  return {
    model_id: modelId,
    zone_id: zone.id,
    name: zone.name,
    trust: zone.trust,
    parent_zone_id: zone.parentZoneId,
  };
}

/** The rm_elements row of an element. */
export function elementRow(
  modelId: string,
  element: ModelState['elements'][string],
): Insertable<ReadModelElementsTable> {
  return {
    model_id: modelId,
    element_id: element.id,
    kind: element.kind,
    name: element.name,
    zone_id: element.zoneId,
    c4_level: element.c4Level,
    technology: element.technology,
  };
}

/** The rm_flows row of a flow. */
export function flowRow(
  modelId: string,
  flow: ModelState['flows'][string],
): Insertable<ReadModelFlowsTable> {
  return {
    model_id: modelId,
    flow_id: flow.id,
    name: flow.name,
    source_id: flow.sourceId,
    destination_id: flow.destinationId,
    data: flow.data,
    protocol: flow.protocol,
    bidirectional: flow.bidirectional,
  };
}

function mitigationsOf(state: ModelState, threatId: string): ThreatMitigationJson[] {
  return Object.values(state.mitigations)
    .filter((mitigation) => mitigation.threatIds.includes(threatId))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((mitigation) => ({
      id: mitigation.id,
      strategies: mitigation.strategies,
      action: mitigation.action,
      owner: mitigation.owner,
      status: mitigation.status,
      dueDate: mitigation.dueDate,
      ticketUrl: mitigation.ticketUrl,
      residualScore: mitigation.residualRisk?.score ?? null,
      residualSeverity: mitigation.residualRisk?.severity ?? null,
    }));
}

function liveDecisionOf(state: ModelState, threatId: string): ThreatDecisionJson | null {
  const live = Object.values(state.decisions)
    .filter((decision) => decision.threatId === threatId && decision.revoked === null)
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))[0];
  if (live === undefined) return null;
  return {
    id: live.id,
    kind: live.kind,
    rationale: live.rationale,
    transferredTo: live.transferredTo,
    decidedBy: live.decidedBy,
    approvedBy: live.approvedBy,
    decidedAt: live.decidedAt,
    expiresAt: live.expiresAt,
  };
}

/** The rm_threats row of a threat: its score, mitigations and live decision denormalised. */
export function threatRow(
  modelId: string,
  state: ModelState,
  threat: Threat,
): Insertable<ReadModelThreatsTable> {
  const score = threat.score;
  return {
    model_id: modelId,
    threat_id: threat.id,
    ref: threat.ref,
    source_ref: threat.sourceRef,
    title: threat.title,
    stride: threat.stride,
    linddun: threat.linddun,
    target_kind: threat.target?.kind ?? null,
    target_id: threat.target?.id ?? null,
    status: threat.status,
    score_method: score?.method ?? null,
    score_vector: score?.method === 'cvss' ? score.vector : null,
    score: threatScoreValue(threat),
    severity: threatSeverity(threat, state.settings),
    stated_score: score?.stated?.score ?? null,
    mitigations: JSON.stringify(mitigationsOf(state, threat.id)),
    decision: JSON.stringify(liveDecisionOf(state, threat.id)),
  };
}
