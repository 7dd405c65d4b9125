import type { RiskDecision } from '@threatloom/domain';

/**
 * Risk decisions in force whose expiry has passed at `nowMs`, soonest expired
 * first: the checklist counts them as lapsed, and the model's header says so.
 */
export function expiredDecisions(decisions: Iterable<RiskDecision>, nowMs: number): RiskDecision[] {
  return [...decisions]
    .filter(
      (decision) =>
        decision.revoked === null &&
        decision.expiresAt !== null &&
        Date.parse(decision.expiresAt) <= nowMs,
    )
    .sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
}

/** When the next decision in force expires after `nowMs` (ms), or null when none will. */
export function nextExpiryMs(decisions: Iterable<RiskDecision>, nowMs: number): number | null {
  let next: number | null = null;
  for (const decision of decisions) {
    if (decision.revoked !== null || decision.expiresAt === null) continue;
    const at = Date.parse(decision.expiresAt);
    if (at > nowMs && (next === null || at < next)) next = at;
  }
  return next;
}

/** The header's words for them: "1 risk acceptance expired", "2 risk decisions expired". */
export function expiredWords(expired: readonly RiskDecision[]): string {
  if (expired.length === 0) return '';
  const kinds = new Set(expired.map((decision) => decision.kind));
  const noun =
    kinds.size === 1
      ? kinds.has('accept')
        ? 'risk acceptance'
        : 'risk transfer'
      : 'risk decision';
  return `${expired.length} ${noun}${expired.length === 1 ? '' : 's'} expired`;
}
