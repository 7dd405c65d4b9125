import type { Sensitivity } from '@threatloom/domain';

/** The sensitivity and business-impact scale, in words. */
export const sensitivityLabels: Record<Sensitivity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
