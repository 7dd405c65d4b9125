import type { EventOf } from '../model/event.js';
import type { AttackTreeNode } from '../model/types.js';

export type AttackTreeCreated = EventOf<
  'AttackTreeCreated',
  { attackTreeId: string; threatId: string; root: AttackTreeNode }
>;
export type AttackTreeNodeAdded = EventOf<
  'AttackTreeNodeAdded',
  { attackTreeId: string; node: AttackTreeNode }
>;
/** Removes the node and everything beneath it. */
export type AttackTreeNodeRemoved = EventOf<
  'AttackTreeNodeRemoved',
  { attackTreeId: string; nodeId: string }
>;
export type AttackTreeEvent = AttackTreeCreated | AttackTreeNodeAdded | AttackTreeNodeRemoved;
