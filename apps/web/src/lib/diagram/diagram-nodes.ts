import type { Edge, Node } from '@xyflow/svelte';
import type { Element, Flow, Zone } from '@threatloom/domain';

/** What an element node shows. */
export interface ElementNodeData extends Record<string, unknown> {
  element: Element;
  /** Colours of other people who have this element selected. */
  peerColours: string[];
  isReadOnly: boolean;
}

/** What a zone node shows. */
export interface ZoneNodeData extends Record<string, unknown> {
  zone: Zone;
  depth: number;
  peerColours: string[];
  isReadOnly: boolean;
  /** Called when the person resized the zone's box. */
  onResized: (zoneId: string, box: { x: number; y: number; width: number; height: number }) => void;
}

export type ElementNode = Node<ElementNodeData, 'element'>;
export type ZoneNode = Node<ZoneNodeData, 'zone'>;
export type DiagramNode = ElementNode | ZoneNode;
export type FlowEdge = Edge<{ flow: Flow; peerColours: string[] }>;

/** Human words for an element kind. */
export const elementKindLabels: Record<Element['kind'], string> = {
  external_entity: 'External entity',
  process: 'Process',
  data_store: 'Data store',
};

/** Human words for a trust level. */
export const trustLabels: Record<Zone['trust'], string> = {
  untrusted: 'Untrusted',
  low: 'Low trust',
  external: 'External',
  partner: 'Partner',
  trusted: 'Trusted',
  restricted: 'Restricted',
};
