import { IllegalState } from '../errors.js';
import { withEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist } from '../model/lookups.js';
import type { AttackTreeEvent } from './events.js';
import { subtreeIds } from './feasibility.js';

/** Applies attack-tree events. */
export const attackTreeEvolve: EvolveHandlers<AttackTreeEvent> = {
  AttackTreeCreated: (state, { data }) => {
    mustExist(state.threats[data.threatId], 'threat', data.threatId);
    return {
      ...state,
      attackTrees: withEntry(state.attackTrees, data.attackTreeId, {
        id: data.attackTreeId,
        threatId: data.threatId,
        rootNodeId: data.root.id,
        nodes: { [data.root.id]: data.root },
      }),
    };
  },
  AttackTreeNodeAdded: (state, { data }) => {
    const tree = mustExist(state.attackTrees[data.attackTreeId], 'attack tree', data.attackTreeId);
    const parentId = data.node.parentId;
    if (
      parentId === null ||
      tree.nodes[parentId]?.kind === undefined ||
      tree.nodes[parentId]?.kind === 'leaf'
    ) {
      throw new IllegalState('event', `node '${data.node.id}' needs an AND/OR parent in the tree`);
    }
    return {
      ...state,
      attackTrees: withEntry(state.attackTrees, tree.id, {
        ...tree,
        nodes: withEntry(tree.nodes, data.node.id, data.node),
      }),
    };
  },
  AttackTreeNodeRemoved: (state, { data }) => {
    const tree = mustExist(state.attackTrees[data.attackTreeId], 'attack tree', data.attackTreeId);
    mustExist(tree.nodes[data.nodeId], 'attack-tree node', data.nodeId);
    const removed = new Set(subtreeIds(tree, data.nodeId));
    const nodes = Object.fromEntries(Object.entries(tree.nodes).filter(([id]) => !removed.has(id)));
    return { ...state, attackTrees: withEntry(state.attackTrees, tree.id, { ...tree, nodes }) };
  },
};
