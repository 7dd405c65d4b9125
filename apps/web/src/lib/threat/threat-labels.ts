import type { StrideCategory, ThreatStatus } from '@threatloom/domain';

/** The full name of each STRIDE category. */
export const strideLabels: Record<StrideCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  information_disclosure: 'Information disclosure',
  denial_of_service: 'Denial of service',
  elevation_of_privilege: 'Elevation of privilege',
};

/** What each STRIDE category threatens, in plain words for people new to STRIDE. */
export const strideQuestions: Record<StrideCategory, string> = {
  spoofing: 'Can someone pretend to be it?',
  tampering: 'Can someone change it or what it handles?',
  repudiation: 'Can someone deny what they did?',
  information_disclosure: 'Can data leak to the wrong people?',
  denial_of_service: 'Can someone make it unavailable?',
  elevation_of_privilege: 'Can someone gain rights they should not have?',
};

/** A threat's status in words. */
export const threatStatusLabels: Record<ThreatStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  mitigated: 'Mitigated',
  accepted: 'Accepted',
  transferred: 'Transferred',
  not_applicable: 'Not applicable',
};
