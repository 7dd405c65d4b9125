import type { Severity } from '@threatloom/scoring';

/** A severity in words; `null` is a threat nobody scored yet. */
export function severityLabel(severity: Severity | null): string {
  return severity === null ? 'Not scored' : severityLabels[severity];
}

/** Each severity's word, shown beside its colour (colour is never the only signal). */
export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
};
