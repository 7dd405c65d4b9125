import type { Command } from '@threatloom/domain';
import { DEMO_VENDOR_MODEL_ID, DEMO_VENDOR_SYSTEM_ID } from './demo-ids.js';

/**
 * The vendor's demo model: Helix Sequencing's lab information management
 * system, which receives GenomeWell's sample manifests and returns sequencing
 * results. Small on purpose (two zones, five elements, five flows, four
 * threats, one mitigation) so a second organisation's model is quick to read
 * next to GenomeWell's. Commands, in order, as a client would send them: the
 * seeder runs each through the domain's decide, so the model keeps every
 * invariant the API enforces.
 */
export const helixLimsCommands: readonly Command[] = [
  {
    type: 'CreateThreatModel',
    modelId: DEMO_VENDOR_MODEL_ID,
    systemId: DEMO_VENDOR_SYSTEM_ID,
    name: 'Helix LIMS',
    description:
      "Helix Sequencing's laboratory information management system: tracks GenomeWell's saliva samples from receipt to released sequencing results",
  },
  {
    type: 'AddZone',
    zoneId: 'zone-lab',
    name: 'Lab network',
    trust: 'restricted',
    description:
      'Sequencing instruments, lab workstations and the LIMS; no inbound internet access',
  },
  {
    type: 'AddZone',
    zoneId: 'zone-vendor-cloud',
    name: 'Vendor cloud',
    trust: 'partner',
    description: "Helix's cloud tenancy, where partners' systems exchange manifests and results",
  },
  {
    type: 'AddElement',
    elementId: 'lab-technician',
    kind: 'external_entity',
    name: 'Lab technician',
    zoneId: 'zone-lab',
    technology: 'Browser on a shared lab workstation',
    description: 'Checks in sample kits, runs sequencing batches and releases their results',
  },
  {
    type: 'AddElement',
    elementId: 'lims-web-app',
    kind: 'process',
    name: 'LIMS web app',
    zoneId: 'zone-lab',
    technology: 'Java, Spring Boot',
    description: 'Tracks each sample from kit check-in through sequencing to released results',
  },
  {
    type: 'AddElement',
    elementId: 'sample-database',
    kind: 'data_store',
    name: 'Sample database',
    zoneId: 'zone-lab',
    technology: 'PostgreSQL 16',
    description:
      'Kit barcodes, chain of custody, run metadata and the location of each result file',
  },
  {
    type: 'AddElement',
    elementId: 'upload-gateway',
    kind: 'process',
    name: 'Upload gateway',
    zoneId: 'zone-vendor-cloud',
    technology: 'Go service behind an mTLS load balancer',
    description: 'Receives sample manifests from partners and delivers released results to them',
  },
  {
    type: 'AddElement',
    elementId: 'genomewell-api',
    kind: 'external_entity',
    name: 'GenomeWell API',
    zoneId: 'zone-vendor-cloud',
    technology: 'REST over HTTPS',
    description: "GenomeWell's partner endpoint: sends sample manifests, receives results",
  },
  {
    type: 'AddFlow',
    flowId: 'f-technician-lims',
    name: 'Technician - LIMS',
    sourceId: 'lab-technician',
    destinationId: 'lims-web-app',
    bidirectional: true,
    data: 'credentials, kit barcodes, batch releases',
    protocol: 'HTTPS',
  },
  {
    type: 'AddFlow',
    flowId: 'f-lims-database',
    name: 'LIMS - Sample database',
    sourceId: 'lims-web-app',
    destinationId: 'sample-database',
    bidirectional: true,
    data: 'sample records, chain of custody, run metadata',
    protocol: 'PostgreSQL over TLS',
  },
  {
    type: 'AddFlow',
    flowId: 'f-manifest-import',
    name: 'Manifest import',
    sourceId: 'upload-gateway',
    destinationId: 'lims-web-app',
    data: 'kit barcodes, expected sample counts',
    protocol: 'HTTPS (mTLS)',
  },
  {
    type: 'AddFlow',
    flowId: 'f-released-results',
    name: 'Released results',
    sourceId: 'lims-web-app',
    destinationId: 'upload-gateway',
    data: 'VCF files, QC reports, pseudonymous sample ids',
    protocol: 'SFTP',
  },
  {
    type: 'AddFlow',
    flowId: 'f-partner-exchange',
    name: 'Upload gateway - GenomeWell API',
    sourceId: 'upload-gateway',
    destinationId: 'genomewell-api',
    bidirectional: true,
    data: 'sample manifests in; VCF files and QC reports out',
    protocol: 'HTTPS (mTLS), signed webhooks',
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-1',
    title:
      "A technician releases a batch in a colleague's session left open on a shared workstation",
    stride: 'spoofing',
    target: { kind: 'element', id: 'lab-technician' },
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-2',
    title: 'A result file altered at the gateway reaches GenomeWell as a genuine result',
    description:
      'mTLS authenticates the gateway, not the file: anyone who can write to the gateway can change a VCF before it is delivered',
    stride: 'tampering',
    target: { kind: 'flow', id: 'f-partner-exchange' },
  },
  {
    type: 'ScoreThreat',
    threatId: 'threat-2',
    method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:H/A:N' },
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-3',
    title: 'A copied database backup links kit barcodes to sequencing results',
    stride: 'information_disclosure',
    target: { kind: 'element', id: 'sample-database' },
  },
  {
    type: 'ScoreThreat',
    threatId: 'threat-3',
    method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N' },
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-4',
    title: 'A crafted manifest from the gateway runs code in the LIMS import job',
    stride: 'elevation_of_privilege',
    target: { kind: 'flow', id: 'f-manifest-import' },
  },
  {
    type: 'ScoreThreat',
    threatId: 'threat-4',
    method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:C/C:H/I:H/A:H' },
  },
  {
    type: 'PlanMitigation',
    mitigationId: 'mitigation-1',
    threatIds: ['threat-2'],
    strategies: ['mitigate'],
    action:
      'Sign each VCF in the LIMS when its batch is released, and have GenomeWell verify the signature before import',
    owner: 'Helix platform team',
    status: 'planned',
  },
];
