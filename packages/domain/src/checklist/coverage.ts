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

/** Ids of the elements a scope exclusion names (and that still exist). */
export function excludedElementIds(content: ModelContent): Set<string> {
  const excluded = new Set<string>();
  for (const exclusion of Object.values(content.scopeExclusions)) {
    for (const elementId of exclusion.elementIds) {
      if (content.elements[elementId]) excluded.add(elementId);
    }
  }
  return excluded;
}

/**
 * A zone is out of scope when it holds elements (directly or in nested zones) and
 * every one of them is excluded from scope; an empty zone is not, so it still needs
 * a threat or a "no threats" reason.
 */
export function isZoneWhollyExcluded(
  content: ModelContent,
  zoneId: string,
  excluded: Set<string>,
): boolean {
  const held = Object.values(content.elements).filter((element) =>
    isWithinZone(content, element.zoneId, zoneId),
  );
  return held.length > 0 && held.every((element) => excluded.has(element.id));
}
