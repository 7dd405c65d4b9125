import type { ColumnType, Generated } from 'kysely';

/** bigint columns: a string on pg, a number on PGlite; written as numbers. */
type BigIntColumn = ColumnType<string | number, number, number>;
type Json<T> = ColumnType<T, string, string>;

export interface ProjectionCheckpointsTable {
  projection: string;
  transaction_id: string;
  position: BigIntColumn;
  updated_at: Generated<Date>;
}

export interface ReadModelModelsTable {
  model_id: string;
  stream_id: string;
  name: string;
  description: string;
  organisation_id: string | null;
  system_id: string | null;
  is_frozen: boolean;
  current_version: number;
  stream_version: BigIntColumn;
  last_position: BigIntColumn;
  updated_at: Generated<Date>;
}

export interface ReadModelZonesTable {
  model_id: string;
  zone_id: string;
  name: string;
  trust: string;
  parent_zone_id: string | null;
}

export interface ReadModelElementsTable {
  model_id: string;
  element_id: string;
  kind: string;
  name: string;
  zone_id: string;
  c4_level: string;
  technology: string;
}

export interface ReadModelFlowsTable {
  model_id: string;
  flow_id: string;
  name: string;
  source_id: string;
  destination_id: string;
  data: string;
  protocol: string;
  bidirectional: boolean;
}

/** A mitigation as stored on each threat it addresses. */
export interface ThreatMitigationJson {
  id: string;
  strategies: string[];
  action: string;
  owner: string | null;
  status: string;
  dueDate: string | null;
  ticketUrl: string | null;
  residualScore: number | null;
  residualSeverity: string | null;
}

/** The live (not revoked) risk decision on a threat. */
export interface ThreatDecisionJson {
  id: string;
  kind: string;
  rationale: string | null;
  transferredTo: string | null;
  decidedBy: string;
  approvedBy: string | null;
  decidedAt: string;
  expiresAt: string | null;
}

export interface ReadModelThreatsTable {
  model_id: string;
  threat_id: string;
  ref: number;
  source_ref: number | null;
  title: string;
  stride: string;
  linddun: string | null;
  target_kind: string | null;
  target_id: string | null;
  status: string;
  score_method: string | null;
  score_vector: string | null;
  score: number | null;
  severity: string | null;
  stated_score: number | null;
  mitigations: Json<ThreatMitigationJson[]>;
  decision: Json<ThreatDecisionJson | null>;
}

/** A persisted model state (model-state/model-state-snapshots.repository.ts). */
export interface ModelStateSnapshotsTable {
  model_id: string;
  format_version: number;
  stream_version: BigIntColumn;
  semantic_version: BigIntColumn;
  last_hash: string;
  state: Json<unknown>;
  /** Added by 20261208T0900_model_state_milestones; null: not known. */
  max_recorded_at: Date | null;
  taken_at: Generated<Date>;
}

/** A model's state after every MODEL_STATE_MILESTONE_EVERY-th event, for replays of the past. */
export interface ModelStateMilestonesTable {
  model_id: string;
  format_version: number;
  stream_version: BigIntColumn;
  last_position: BigIntColumn;
  max_recorded_at: Date;
  semantic_version: BigIntColumn;
  last_hash: string;
  state: Json<unknown>;
  taken_at: Generated<Date>;
}

/** The newest snapshot of a model's co-editing doc. */
export interface CollabDocSnapshotsTable {
  model_id: string;
  stream_version: BigIntColumn;
  last_hash: string;
  /** The doc's full Yjs state as an update, base64. */
  state: string;
  taken_at: Generated<Date>;
}

/** Tables the API's own migrations create (the event store types its own). */
export interface ApiTables {
  projection_checkpoints: ProjectionCheckpointsTable;
  rm_models: ReadModelModelsTable;
  rm_zones: ReadModelZonesTable;
  rm_elements: ReadModelElementsTable;
  rm_flows: ReadModelFlowsTable;
  rm_threats: ReadModelThreatsTable;
  model_state_snapshots: ModelStateSnapshotsTable;
  model_state_milestones: ModelStateMilestonesTable;
  collab_doc_snapshots: CollabDocSnapshotsTable;
}
