import type { MitigationStatus, Strategy } from '@threatloom/domain';

/** A mitigation strategy in words, with what it means. */
export const strategyLabels: Record<Strategy, { label: string; meaning: string }> = {
  mitigate: { label: 'Mitigate', meaning: 'reduce the likelihood or the impact' },
  eliminate: { label: 'Eliminate', meaning: 'remove what makes the threat possible' },
  transfer: { label: 'Transfer', meaning: 'another party carries the risk' },
  accept: { label: 'Accept', meaning: 'live with the risk, with a rationale' },
};

/** A mitigation's status in words. */
export const mitigationStatusLabels: Record<MitigationStatus, string> = {
  proposed: 'Proposed',
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  implemented: 'Implemented',
  verified: 'Verified',
  accepted: 'Accepted',
  cancelled: 'Cancelled',
};
