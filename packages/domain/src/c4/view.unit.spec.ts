import { describe, expect, it } from 'vitest';
import { c4View, replay, systemNodeId } from '../index.js';
import { editor, eventsOf, given, smallModelHistory } from '../../test/support/scenario.js';

describe('c4View', () => {
  it('shows every element and flow in the container view', () => {
    const view = c4View(given(smallModelHistory()), 'container');
    expect(view.nodes.map((node) => node.id)).toEqual(['user', 'api', 'db']);
    expect(view.edges.map((edge) => edge.flowIds)).toEqual([['user-api'], ['api-db']]);
  });

  it('shows context-level elements around one system node in the context view', () => {
    const view = c4View(given(smallModelHistory()), 'context');
    expect(view.nodes).toEqual([
      { id: 'user', name: 'User', kind: 'external_entity', elementIds: ['user'] },
      { id: systemNodeId, name: 'Shop', kind: 'system', elementIds: ['api', 'db'] },
    ]);
  });

  it('drops flows inside the system and merges parallel flows in the context view', () => {
    const history = smallModelHistory();
    const more = eventsOf(
      [
        {
          type: 'AddFlow',
          flowId: 'user-db',
          name: 'Export',
          sourceId: 'user',
          destinationId: 'db',
          bidirectional: true,
        },
      ],
      editor,
      replay(history),
    );
    const view = c4View(given(history, more), 'context');
    expect(view.edges).toEqual([
      {
        sourceId: 'user',
        destinationId: systemNodeId,
        bidirectional: true,
        flowIds: ['user-api', 'user-db'],
      },
    ]);
  });
});
