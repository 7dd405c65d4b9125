import { describe, expect, it } from 'vitest';
import { diffModels, isEmptyDiff, replay, type Command } from '../index.js';
import {
  editor,
  eventsOf,
  given,
  riskOwner,
  smallModelHistory,
} from '../../test/support/scenario.js';

function beforeAndAfter(commands: Command[], context = editor) {
  const history = smallModelHistory();
  const before = given(history);
  return { before, after: replay(eventsOf(commands, context, before), before) };
}

describe('diffModels', () => {
  it('finds nothing between a state and itself', () => {
    const state = given(smallModelHistory());
    expect(isEmptyDiff(diffModels(state, state))).toBe(true);
  });

  it('reports an added element and flow', () => {
    const { before, after } = beforeAndAfter([
      {
        type: 'AddElement',
        elementId: 'cache',
        kind: 'data_store',
        name: 'Cache',
        zoneId: 'zone-core',
      },
      {
        type: 'AddFlow',
        flowId: 'api-cache',
        name: 'API - Cache',
        sourceId: 'api',
        destinationId: 'cache',
      },
    ]);
    const diff = diffModels(before, after);
    expect(diff.elements.added).toEqual(['cache']);
    expect(diff.flows.added).toEqual(['api-cache']);
  });

  it('reports a removed element with its removed flows and threats', () => {
    const { before, after } = beforeAndAfter([
      {
        type: 'RemoveElement',
        elementId: 'api',
        threats: { policy: 'remove' },
        cascadeFlows: true,
      },
    ]);
    const diff = diffModels(before, after);
    expect(diff.elements.removed).toEqual(['api']);
    expect(diff.flows.removed).toEqual(['user-api', 'api-db']);
    expect(diff.threats.removed).toEqual(['threat-1']);
  });

  it('reports a scored threat under scores, not as a changed threat', () => {
    const { before, after } = beforeAndAfter([
      {
        type: 'ScoreThreat',
        threatId: 'threat-1',
        method: { method: 'stated' },
        stated: { score: 6.5 },
      },
    ]);
    const diff = diffModels(before, after);
    expect(diff.scores.added).toEqual(['threat-1']);
    expect(diff.threats.changed).toEqual([]);
  });

  it('names the fields of a changed threat', () => {
    const { before, after } = beforeAndAfter([
      { type: 'ReviseThreat', threatId: 'threat-1', title: 'New title' },
    ]);
    expect(diffModels(before, after).threats.changed).toEqual([
      { id: 'threat-1', fields: ['title'] },
    ]);
  });

  it('reports a new risk decision and the threat status it changed', () => {
    const { before, after } = beforeAndAfter(
      [
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'stated' },
          stated: { severity: 'low' },
        },
        { type: 'AcceptRisk', decisionId: 'd', threatId: 'threat-1', rationale: 'Low value data' },
      ],
      riskOwner,
    );
    const diff = diffModels(before, after);
    expect(diff.decisions.added).toEqual(['d']);
    expect(diff.threats.changed).toEqual([{ id: 'threat-1', fields: ['status'] }]);
  });

  it('compares a frozen snapshot with the current draft', () => {
    const history = smallModelHistory();
    const frozen = replay(
      eventsOf(
        [{ type: 'FreezeModelVersion', label: 'v1' }, { type: 'OpenModelDraft' }],
        editor,
        given(history),
      ),
      given(history),
    );
    const edited = replay(
      eventsOf(
        [{ type: 'AddAsset', assetId: 'keys', name: 'Keys', sensitivity: 'critical' }],
        editor,
        frozen,
      ),
      frozen,
    );
    const snapshot = edited.versions[0]?.snapshot;
    if (!snapshot) throw new Error('no snapshot');
    expect(diffModels(snapshot, edited).assets.added).toEqual(['keys']);
  });
});
