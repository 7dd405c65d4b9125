import type { EventOf } from '../model/event.js';
import type { ChecklistAttestation } from '../model/types.js';

/** A named reviewer recorded a verdict on an attested checklist item. */
export type ChecklistItemAttested = EventOf<
  'ChecklistItemAttested',
  { attestation: Omit<ChecklistAttestation, 'streamVersion' | 'invalidatedBy'> }
>;
export type ChecklistEvent = ChecklistItemAttested;
