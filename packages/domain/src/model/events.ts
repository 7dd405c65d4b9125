import type { EventOf } from './event.js';
import type { ModelSettings } from './types.js';

export type ThreatModelCreated = EventOf<
  'ThreatModelCreated',
  {
    modelId: string;
    systemId: string;
    organisationId: string;
    name: string;
    description: string;
    settings: ModelSettings;
    createdBy: string;
    createdAt: string;
  }
>;
export type ThreatModelRenamed = EventOf<
  'ThreatModelRenamed',
  { name: string; description?: string | undefined }
>;
/** The model's policy after the change; existing scores keep the severity computed when scored. */
export type ModelSettingsChanged = EventOf<'ModelSettingsChanged', { settings: ModelSettings }>;
export type ModelEvent = ThreatModelCreated | ThreatModelRenamed | ModelSettingsChanged;
