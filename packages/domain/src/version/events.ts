import type { EventOf } from '../model/event.js';
import type { ExternalValidation } from '../model/types.js';

/** The current content becomes an immutable snapshot; the model refuses edits until a draft opens. */
export type ModelVersionFrozen = EventOf<
  'ModelVersionFrozen',
  { versionNumber: number; label: string; frozenBy: string; frozenAt: string }
>;
export type ModelVersionSignedOff = EventOf<
  'ModelVersionSignedOff',
  { versionNumber: number; signedOffBy: string; signedOffAt: string }
>;
export type ModelDraftOpened = EventOf<'ModelDraftOpened', { versionNumber: number }>;
export type ExternalValidationPlanned = EventOf<
  'ExternalValidationPlanned',
  { validation: ExternalValidation }
>;
export type VersionEvent =
  ModelVersionFrozen | ModelVersionSignedOff | ModelDraftOpened | ExternalValidationPlanned;
