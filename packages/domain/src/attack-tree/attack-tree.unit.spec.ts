import { describe, expect, it } from 'vitest';
import {
  attackTreeFeasibility,
  decide,
  replay,
  type AttackTree,
  type Command,
  type DomainEvent,
} from '../index.js';
import {
  editor,
  eventsOf,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

function treeHistory(extra: Command[] = []): DomainEvent[] {
  const history = smallModelHistory();
  return [
    ...history,
    ...eventsOf(
      [
        {
          type: 'CreateAttackTree',
          attackTreeId: 'tree',
          threatId: 'threat-1',
          rootNodeId: 'goal',
          rootKind: 'or',
          rootLabel: 'Read orders',
        },
        ...extra,
      ],
      editor,
      replay(history),
    ),
  ];
}

function tree(
  nodes: Array<[string, string | null, 'and' | 'or' | 'leaf', string | null]>,
): AttackTree {
  return {
    id: 't',
    threatId: 'x',
    rootNodeId: nodes[0]?.[0] ?? 'root',
    nodes: Object.fromEntries(
      nodes.map(([id, parentId, kind, feasibility]) => [
        id,
        {
          id,
          parentId,
          kind,
          label: id,
          feasibility: feasibility as AttackTree['nodes'][string]['feasibility'],
        },
      ]),
    ),
  };
}

describe('attack tree commands', () => {
  it('creates a tree under a threat with an OR goal', () => {
    const events = expectEvents(
      decide(
        {
          type: 'CreateAttackTree',
          attackTreeId: 'tree',
          threatId: 'threat-1',
          rootNodeId: 'goal',
          rootKind: 'or',
          rootLabel: 'Read orders',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'AttackTreeCreated',
        schemaVersion: 1,
        data: {
          attackTreeId: 'tree',
          threatId: 'threat-1',
          root: { id: 'goal', parentId: null, kind: 'or', label: 'Read orders', feasibility: null },
        },
      },
    ]);
  });

  it('refuses a tree for an unknown threat', () => {
    expectRefusal(
      decide(
        {
          type: 'CreateAttackTree',
          attackTreeId: 'tree',
          threatId: 'ghost',
          rootNodeId: 'g',
          rootKind: 'and',
          rootLabel: 'G',
        },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'threatId',
    );
  });

  it('refuses a child under a leaf', () => {
    const history = treeHistory([
      {
        type: 'AddAttackTreeNode',
        attackTreeId: 'tree',
        nodeId: 'sqli',
        parentNodeId: 'goal',
        kind: 'leaf',
        label: 'SQL injection',
        feasibility: 'high',
      },
    ]);
    expectRefusal(
      decide(
        {
          type: 'AddAttackTreeNode',
          attackTreeId: 'tree',
          nodeId: 'x',
          parentNodeId: 'sqli',
          kind: 'leaf',
          label: 'X',
        },
        given(history),
        editor,
      ),
      'ILLEGAL_STATE',
      'parentNodeId',
    );
  });

  it('refuses a feasibility on an AND/OR node, which computes its own', () => {
    expectRefusal(
      decide(
        {
          type: 'AddAttackTreeNode',
          attackTreeId: 'tree',
          nodeId: 'x',
          parentNodeId: 'goal',
          kind: 'and',
          label: 'X',
          feasibility: 'low',
        },
        given(treeHistory()),
        editor,
      ),
      'VALIDATION',
      'feasibility',
    );
  });

  it('removes a node with everything beneath it', () => {
    const history = treeHistory([
      {
        type: 'AddAttackTreeNode',
        attackTreeId: 'tree',
        nodeId: 'chain',
        parentNodeId: 'goal',
        kind: 'and',
        label: 'Chain',
      },
      {
        type: 'AddAttackTreeNode',
        attackTreeId: 'tree',
        nodeId: 'step',
        parentNodeId: 'chain',
        kind: 'leaf',
        label: 'Step',
        feasibility: 'low',
      },
    ]);
    const state = given(history);
    const after = replay(
      expectEvents(
        decide(
          { type: 'RemoveAttackTreeNode', attackTreeId: 'tree', nodeId: 'chain' },
          state,
          editor,
        ),
      ),
      state,
    );
    expect(Object.keys(after.attackTrees['tree']?.nodes ?? {})).toEqual(['goal']);
  });

  it('refuses to remove the root', () => {
    expectRefusal(
      decide(
        { type: 'RemoveAttackTreeNode', attackTreeId: 'tree', nodeId: 'goal' },
        given(treeHistory()),
        editor,
      ),
      'ILLEGAL_STATE',
      'nodeId',
    );
  });
});

describe('attack tree feasibility', () => {
  it('takes the most feasible child of an OR node (the attacker picks the easiest path)', () => {
    expect(
      attackTreeFeasibility(
        tree([
          ['g', null, 'or', null],
          ['a', 'g', 'leaf', 'low'],
          ['b', 'g', 'leaf', 'high'],
        ]),
      ),
    ).toBe('high');
  });

  it('takes the least feasible child of an AND node (a chain is as hard as its hardest step)', () => {
    expect(
      attackTreeFeasibility(
        tree([
          ['g', null, 'and', null],
          ['a', 'g', 'leaf', 'low'],
          ['b', 'g', 'leaf', 'high'],
        ]),
      ),
    ).toBe('low');
  });

  it('combines nested nodes', () => {
    const nested = tree([
      ['g', null, 'or', null],
      ['chain', 'g', 'and', null],
      ['a', 'chain', 'leaf', 'very_high'],
      ['b', 'chain', 'leaf', 'medium'],
      ['c', 'g', 'leaf', 'low'],
    ]);
    expect(attackTreeFeasibility(nested)).toBe('medium');
  });

  it('is unknown when an AND child is unrated', () => {
    expect(
      attackTreeFeasibility(
        tree([
          ['g', null, 'and', null],
          ['a', 'g', 'leaf', 'high'],
          ['b', 'g', 'leaf', null],
        ]),
      ),
    ).toBeNull();
  });

  it('ignores unrated children of an OR node when another is rated', () => {
    expect(
      attackTreeFeasibility(
        tree([
          ['g', null, 'or', null],
          ['a', 'g', 'leaf', null],
          ['b', 'g', 'leaf', 'medium'],
        ]),
      ),
    ).toBe('medium');
  });

  it('is unknown for a goal without children', () => {
    expect(attackTreeFeasibility(tree([['g', null, 'or', null]]))).toBeNull();
  });
});

describe('AddAttackTreeNode', () => {
  it('adds a rated leaf under the goal', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AddAttackTreeNode',
          attackTreeId: 'tree',
          nodeId: 'sqli',
          parentNodeId: 'goal',
          kind: 'leaf',
          label: 'SQL injection',
          feasibility: 'high',
        },
        given(treeHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'AttackTreeNodeAdded',
        schemaVersion: 1,
        data: {
          attackTreeId: 'tree',
          node: {
            id: 'sqli',
            parentId: 'goal',
            kind: 'leaf',
            label: 'SQL injection',
            feasibility: 'high',
          },
        },
      },
    ]);
  });
});
