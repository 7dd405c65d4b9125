/** Qualitative severity shared by CVSS, OWASP, matrices and bands. */
export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** Severities from least to most severe; the index is the rank. */
export const severityOrder: readonly Severity[] = ['none', 'low', 'medium', 'high', 'critical'];

/** Rank of a severity (none = 0 ... critical = 4), for comparing and sorting. */
export function severityRank(severity: Severity): number {
  return severityOrder.indexOf(severity);
}

/** True when `value` is one of the five severity words. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (severityOrder as readonly string[]).includes(value);
}

/**
 * The CVSS qualitative severity rating scale (identical in 3.0, 3.1 and 4.0):
 * 0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical.
 */
export function cvssSeverity(score: number): Severity {
  if (score >= 9.0) return 'critical';
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}
