import type { AttackTree } from '../model/types.js';
import { feasibilityLevels, type Feasibility } from '../model/vocabulary.js';

/**
 * Feasibility of a node: a leaf's own rating; an OR node the most feasible of its
 * children (the attacker takes the easiest path); an AND node the least feasible of
 * its children (the chain is as hard as its hardest step). Unknown (null) when a leaf
 * is unrated, an AND child is unknown, or every OR child is unknown.
 */
export function nodeFeasibility(tree: AttackTree, nodeId: string): Feasibility | null {
  const node = tree.nodes[nodeId];
  if (!node) return null;
  if (node.kind === 'leaf') return node.feasibility;
  const children = Object.values(tree.nodes)
    .filter((child) => child.parentId === nodeId)
    .map((child) => nodeFeasibility(tree, child.id));
  if (children.length === 0) return null;
  const ranks = children.map((f) => (f === null ? -1 : feasibilityLevels.indexOf(f)));
  if (node.kind === 'and') {
    if (ranks.includes(-1)) return null;
    return feasibilityLevels[Math.min(...ranks)] ?? null;
  }
  const best = Math.max(...ranks);
  return best < 0 ? null : (feasibilityLevels[best] ?? null);
}

/** Feasibility of the attacker's goal, the tree's root. */
export function attackTreeFeasibility(tree: AttackTree): Feasibility | null {
  return nodeFeasibility(tree, tree.rootNodeId);
}

/** Ids of a node and all of its descendants. */
export function subtreeIds(tree: AttackTree, nodeId: string): string[] {
  const ids = [nodeId];
  for (let index = 0; index < ids.length; index += 1) {
    const parent = ids[index];
    for (const child of Object.values(tree.nodes)) {
      if (child.parentId === parent) ids.push(child.id);
    }
  }
  return ids;
}
