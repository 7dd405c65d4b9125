import type { EventOf } from '../model/event.js';
import type { Mitigation } from '../model/types.js';
import type { MitigationStatus } from '../model/vocabulary.js';

export type MitigationPlanned = EventOf<'MitigationPlanned', { mitigation: Mitigation }>;
export type MitigationRevised = EventOf<
  'MitigationRevised',
  { mitigationId: string; changes: Partial<Omit<Mitigation, 'id' | 'threatIds' | 'status'>> }
>;
export type MitigationStatusChanged = EventOf<
  'MitigationStatusChanged',
  { mitigationId: string; status: MitigationStatus }
>;
export type MitigationLinked = EventOf<
  'MitigationLinked',
  { mitigationId: string; threatId: string }
>;
export type MitigationUnlinked = EventOf<
  'MitigationUnlinked',
  { mitigationId: string; threatId: string }
>;
export type MitigationEvent =
  | MitigationPlanned
  | MitigationRevised
  | MitigationStatusChanged
  | MitigationLinked
  | MitigationUnlinked;
