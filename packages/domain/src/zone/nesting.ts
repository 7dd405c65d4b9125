import type { ModelContent } from '../model/types.js';

/** The zone and its ancestors, innermost first; stops at a cycle so it always terminates. */
export function zoneAncestry(content: Pick<ModelContent, 'zones'>, zoneId: string): string[] {
  const chain: string[] = [];
  let current: string | null = zoneId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    current = content.zones[current]?.parentZoneId ?? null;
  }
  return chain;
}

/** Whether `zoneId` lies inside `ancestorId` (a zone contains itself). */
export function isWithinZone(
  content: Pick<ModelContent, 'zones'>,
  zoneId: string,
  ancestorId: string,
): boolean {
  return zoneAncestry(content, zoneId).includes(ancestorId);
}
