import type { ShareRole } from '../roles.js';

/** An organisation registered a system it owns. */
export interface SystemRegistered {
  type: 'SystemRegistered';
  schemaVersion: 1;
  data: {
    systemId: string;
    ownerOrganisationId: string;
    name: string;
    criticalityTier: number;
    tags: string[];
    registeredBy: string;
    registeredAt: string;
  };
}

/** A threat model now belongs to the system (and so to its owner organisation). */
export interface ThreatModelAddedToSystem {
  type: 'ThreatModelAddedToSystem';
  schemaVersion: 1;
  data: {
    systemId: string;
    ownerOrganisationId: string;
    modelId: string;
    addedBy: string;
    addedAt: string;
  };
}

/** The owner shared the system with another organisation at a role. */
export interface SystemShared {
  type: 'SystemShared';
  schemaVersion: 1;
  data: {
    systemId: string;
    ownerOrganisationId: string;
    granteeOrganisationId: string;
    role: ShareRole;
    sharedBy: string;
    sharedAt: string;
  };
}

/** The owner changed the role of an existing share. */
export interface SystemShareChanged {
  type: 'SystemShareChanged';
  schemaVersion: 1;
  data: {
    systemId: string;
    ownerOrganisationId: string;
    granteeOrganisationId: string;
    previousRole: ShareRole;
    role: ShareRole;
    changedBy: string;
    changedAt: string;
  };
}

/** The owner revoked a share; the grantee loses access at once. */
export interface SystemShareRevoked {
  type: 'SystemShareRevoked';
  schemaVersion: 1;
  data: {
    systemId: string;
    ownerOrganisationId: string;
    granteeOrganisationId: string;
    revokedBy: string;
    revokedAt: string;
  };
}

/** Every fact recorded in a `system-<id>` stream. */
export type SystemEvent =
  | SystemRegistered
  | ThreatModelAddedToSystem
  | SystemShared
  | SystemShareChanged
  | SystemShareRevoked;

/** Event types of the System aggregate, for projections that filter by type. */
export const systemEventTypes: readonly SystemEvent['type'][] = [
  'SystemRegistered',
  'ThreatModelAddedToSystem',
  'SystemShared',
  'SystemShareChanged',
  'SystemShareRevoked',
];

/** The stream a system's events live in. */
export function systemStreamId(systemId: string): string {
  return `system-${systemId}`;
}
