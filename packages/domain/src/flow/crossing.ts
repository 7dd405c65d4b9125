import type { Flow, ModelContent } from '../model/types.js';
import { trustLevels, type TrustLevel } from '../model/vocabulary.js';

/** Position of a trust level in the ordering, least trusted first. */
export function trustRank(trust: TrustLevel): number {
  return trustLevels.indexOf(trust);
}

/** How a flow relates to trust boundaries: which zones it joins and whether it climbs in trust. */
export interface BoundaryCrossing {
  sourceZoneId: string | null;
  destinationZoneId: string | null;
  crossesBoundary: boolean;
  /** Data can travel from a less trusted zone into a more trusted one (either way for bidirectional flows). */
  entersMoreTrustedZone: boolean;
}

/** Computes the boundary crossing of a flow from its endpoints' zones. */
export function boundaryCrossing(content: ModelContent, flow: Flow): BoundaryCrossing {
  const sourceZoneId = content.elements[flow.sourceId]?.zoneId ?? null;
  const destinationZoneId = content.elements[flow.destinationId]?.zoneId ?? null;
  const sourceZone = sourceZoneId === null ? undefined : content.zones[sourceZoneId];
  const destinationZone = destinationZoneId === null ? undefined : content.zones[destinationZoneId];
  const crossesBoundary = sourceZoneId !== destinationZoneId;
  let entersMoreTrustedZone = false;
  if (crossesBoundary && sourceZone && destinationZone) {
    const forward = trustRank(destinationZone.trust) > trustRank(sourceZone.trust);
    const backward = trustRank(sourceZone.trust) > trustRank(destinationZone.trust);
    entersMoreTrustedZone = forward || (flow.bidirectional && backward);
  }
  return { sourceZoneId, destinationZoneId, crossesBoundary, entersMoreTrustedZone };
}
