import type { AssetEvent } from './asset/events.js';
import type { AttackTreeEvent } from './attack-tree/events.js';
import type { ChecklistEvent } from './checklist/events.js';
import type { DecisionEvent } from './decision/events.js';
import type { ElementEvent } from './element/events.js';
import type { FlowEvent } from './flow/events.js';
import type { MitigationEvent } from './mitigation/events.js';
import type { ModelEvent } from './model/events.js';
import type { ScopeEvent } from './scope/events.js';
import type { ThreatEvent } from './threat/events.js';
import type { VersionEvent } from './version/events.js';
import type { ZoneEvent } from './zone/events.js';

export type * from './asset/events.js';
export type * from './attack-tree/events.js';
export type * from './checklist/events.js';
export type * from './decision/events.js';
export type * from './element/events.js';
export type * from './flow/events.js';
export type * from './mitigation/events.js';
export type * from './model/events.js';
export type * from './scope/events.js';
export type * from './threat/events.js';
export type * from './version/events.js';
export type * from './zone/events.js';

/**
 * Every event of the threat-model stream in its current shape. Each carries
 * `schemaVersion`; older stored shapes are upcast on read (see upcast.ts).
 */
export type DomainEvent =
  | ModelEvent
  | ZoneEvent
  | ElementEvent
  | FlowEvent
  | AssetEvent
  | ScopeEvent
  | ThreatEvent
  | MitigationEvent
  | DecisionEvent
  | AttackTreeEvent
  | VersionEvent
  | ChecklistEvent;

/** The type names of all current events. */
export type DomainEventType = DomainEvent['type'];

/** Current schema version of every event type; bump one here when its payload changes shape. */
export const currentEventVersions: Record<DomainEventType, number> = {
  ThreatModelCreated: 2,
  ThreatModelRenamed: 1,
  ModelSettingsChanged: 2,
  ZoneAdded: 1,
  ZoneChanged: 1,
  ZoneRemoved: 1,
  ElementAdded: 2,
  ElementChanged: 2,
  ElementRemoved: 1,
  FlowAdded: 1,
  FlowChanged: 1,
  FlowRemoved: 1,
  AssetAdded: 1,
  AssetChanged: 1,
  AssetRemoved: 1,
  AssumptionRecorded: 1,
  AssumptionWithdrawn: 1,
  ScopeExclusionRecorded: 1,
  ThreatIdentified: 1,
  ThreatRevised: 1,
  ThreatRetargeted: 1,
  ThreatScored: 1,
  ThreatStatusChanged: 1,
  ThreatRemoved: 1,
  NoThreatsDeclared: 1,
  NoThreatsWithdrawn: 1,
  MitigationPlanned: 1,
  MitigationRevised: 1,
  MitigationStatusChanged: 1,
  MitigationLinked: 1,
  MitigationUnlinked: 1,
  RiskAccepted: 1,
  RiskTransferred: 1,
  RiskDecisionRevoked: 1,
  AttackTreeCreated: 1,
  AttackTreeNodeAdded: 1,
  AttackTreeNodeRemoved: 1,
  ModelVersionFrozen: 1,
  ModelVersionSignedOff: 1,
  ModelDraftOpened: 1,
  ExternalValidationPlanned: 1,
  ChecklistItemAttested: 1,
};
