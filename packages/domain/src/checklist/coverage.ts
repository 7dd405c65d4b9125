import type { ModelContent } from '../model/types.js';
import { isWithinZone } from '../zone/nesting.js';

/** Ids of elements and flows that at least one threat targets. */
export function threatenedTargets(content: ModelContent): Set<string> {
  const targets = new Set<string>();
  for (const threat of Object.values(content.threats)) {
    if (threat.target) targets.add(`${threat.target.kind}:${threat.target.id}`);
  }
  return targets;
}

/**
 * A zone is covered when a threat concerns an element inside it (or inside a zone
 * nested in it). Threats on flows that cross into the zone do not count: they are
 * about data in transit, not about what the zone holds, so a zone whose own
 * elements were never examined is still reported.
 */
export function isZoneCovered(
  content: ModelContent,
  zoneId: string,
  threatened: Set<string>,
): boolean {
  return Object.values(content.elements).some(
    (element) =>
      threatened.has(`element:${element.id}`) && isWithinZone(content, element.zoneId, zoneId),
  );
}
