import type { EventOf } from '../model/event.js';
import type { NoThreatsDeclaration, Threat, ThreatScore } from '../model/types.js';
import type { Target, ThreatStatus } from '../model/vocabulary.js';

/** A new threat, always starting in status 'open' and unscored. */
export type ThreatIdentified = EventOf<
  'ThreatIdentified',
  { threat: Omit<Threat, 'status' | 'score'> }
>;
export type ThreatRevised = EventOf<
  'ThreatRevised',
  {
    threatId: string;
    changes: Partial<Pick<Threat, 'title' | 'description' | 'stride' | 'linddun' | 'assetIds'>>;
  }
>;
/** Target null means the threat was detached when its element or flow was removed. */
export type ThreatRetargeted = EventOf<
  'ThreatRetargeted',
  { threatId: string; target: Target | null }
>;
export type ThreatScored = EventOf<'ThreatScored', { threatId: string; score: ThreatScore }>;
export type ThreatStatusChanged = EventOf<
  'ThreatStatusChanged',
  { threatId: string; status: ThreatStatus }
>;
/** Mitigations that addressed the threat stop listing it. */
export type ThreatRemoved = EventOf<'ThreatRemoved', { threatId: string }>;
export type NoThreatsDeclared = EventOf<'NoThreatsDeclared', { declaration: NoThreatsDeclaration }>;
export type NoThreatsWithdrawn = EventOf<
  'NoThreatsWithdrawn',
  { targetKind: NoThreatsDeclaration['targetKind']; targetId: string }
>;
export type ThreatEvent =
  | ThreatIdentified
  | ThreatRevised
  | ThreatRetargeted
  | ThreatScored
  | ThreatStatusChanged
  | ThreatRemoved
  | NoThreatsDeclared
  | NoThreatsWithdrawn;
