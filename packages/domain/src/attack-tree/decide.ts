import { IllegalState, NotFound } from '../errors.js';
import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireThreat, requireUnusedId } from '../model/lookups.js';
import type { AttackTree, ModelState } from '../model/types.js';
import type { AttackTreeCommand } from './commands.js';

function requireTree(state: ModelState, id: string): AttackTree {
  const tree = state.attackTrees[id];
  if (!tree) throw new NotFound('attack tree', id, 'attackTreeId');
  return tree;
}

/** Decisions about attack trees: AND/OR nodes under a threat, leaves rated for feasibility. */
export const attackTreeDecide: DecideHandlers<AttackTreeCommand> = {
  CreateAttackTree: (command, state) => {
    requireUnusedId(state.attackTrees, command.attackTreeId, 'attack tree', 'attackTreeId');
    requireThreat(state, command.threatId, 'threatId');
    return [
      event('AttackTreeCreated', {
        attackTreeId: command.attackTreeId,
        threatId: command.threatId,
        root: {
          id: command.rootNodeId,
          parentId: null,
          kind: command.rootKind,
          label: command.rootLabel,
          feasibility: null,
        },
      }),
    ];
  },
  AddAttackTreeNode: (command, state) => {
    const tree = requireTree(state, command.attackTreeId);
    requireUnusedId(tree.nodes, command.nodeId, 'attack-tree node', 'nodeId');
    const parent = tree.nodes[command.parentNodeId];
    if (!parent) throw new NotFound('attack-tree node', command.parentNodeId, 'parentNodeId');
    if (parent.kind === 'leaf') {
      throw new IllegalState(
        'parentNodeId',
        `node '${parent.id}' is a leaf and cannot have children`,
      );
    }
    return [
      event('AttackTreeNodeAdded', {
        attackTreeId: tree.id,
        node: {
          id: command.nodeId,
          parentId: parent.id,
          kind: command.kind,
          label: command.label,
          feasibility: command.feasibility,
        },
      }),
    ];
  },
  RemoveAttackTreeNode: (command, state) => {
    const tree = requireTree(state, command.attackTreeId);
    if (!tree.nodes[command.nodeId])
      throw new NotFound('attack-tree node', command.nodeId, 'nodeId');
    if (command.nodeId === tree.rootNodeId) {
      throw new IllegalState('nodeId', 'the root states the goal and cannot be removed');
    }
    return [event('AttackTreeNodeRemoved', { attackTreeId: tree.id, nodeId: command.nodeId })];
  },
};
