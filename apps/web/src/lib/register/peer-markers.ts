/** Someone else's selection, as the register marks it on a row. */
export interface PeerMarker {
  userId: string;
  name: string;
  colour: string;
}

/**
 * Who else has each threat selected: one marker per person (however many
 * tabs they have open), by name, keyed by the selected id.
 */
export function peersBySelection(
  peers: readonly { userId: string; name: string; colour: string; selection: readonly string[] }[],
): Map<string, PeerMarker[]> {
  const byId = new Map<string, PeerMarker[]>();
  for (const peer of peers) {
    for (const id of new Set(peer.selection)) {
      let markers = byId.get(id);
      if (!markers) byId.set(id, (markers = []));
      if (!markers.some((marker) => marker.userId === peer.userId)) {
        markers.push({ userId: peer.userId, name: peer.name, colour: peer.colour });
      }
    }
  }
  for (const markers of byId.values()) markers.sort((a, b) => a.name.localeCompare(b.name));
  return byId;
}
