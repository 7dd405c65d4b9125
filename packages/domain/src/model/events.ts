import type { EventOf } from './event.js';

// v2 of ThreatModelCreated and ModelSettingsChanged: settings carry `requiresTicketLinks`
// (v1 settings lacked it; upcast.ts reads them as requiring ticket links, the default).
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
  },
  2
>;
export type ThreatModelRenamed = EventOf<
  'ThreatModelRenamed',
  { name: string; description?: string | undefined }
>;
/** The model's policy after the change; existing scores keep the severity computed when scored. */
export type ModelSettingsChanged = EventOf<'ModelSettingsChanged', { settings: ModelSettings }, 2>;
export type ModelEvent = ThreatModelCreated | ThreatModelRenamed | ModelSettingsChanged;
