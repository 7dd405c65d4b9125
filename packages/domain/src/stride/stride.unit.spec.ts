import { describe, expect, it } from 'vitest';
import { replay, strideMatrix, suggestStrideCategories } from '../index.js';
import { editor, eventsOf, given, smallModelHistory } from '../../test/support/scenario.js';

describe('suggestStrideCategories', () => {
  it('suggests S and R for an external entity', () => {
    expect(suggestStrideCategories(given(smallModelHistory()), 'user').categories).toEqual([
      'spoofing',
      'repudiation',
    ]);
  });

  it('suggests all six categories for a process', () => {
    expect(suggestStrideCategories(given(smallModelHistory()), 'api').categories).toHaveLength(6);
  });

  it('suggests T, R, I and D for a data store', () => {
    expect(suggestStrideCategories(given(smallModelHistory()), 'db').categories).toEqual([
      'tampering',
      'repudiation',
      'information_disclosure',
      'denial_of_service',
    ]);
  });

  it('suggests T, I and D for a flow inside one zone', () => {
    expect(suggestStrideCategories(given(smallModelHistory()), 'api-db').categories).toEqual([
      'tampering',
      'information_disclosure',
      'denial_of_service',
    ]);
  });

  it('adds S and E for a flow entering a more trusted zone, with the reason', () => {
    const suggestion = suggestStrideCategories(given(smallModelHistory()), 'user-api');
    expect(suggestion.categories).toEqual([
      'spoofing',
      'tampering',
      'information_disclosure',
      'denial_of_service',
      'elevation_of_privilege',
    ]);
    expect(suggestion.reasons.spoofing?.[0]).toContain('more trusted zone');
  });

  it('does not add S and E for a one-way flow leaving a trusted zone', () => {
    const history = smallModelHistory();
    const outbound = eventsOf(
      [
        {
          type: 'AddFlow',
          flowId: 'api-user',
          name: 'Receipt',
          sourceId: 'api',
          destinationId: 'user',
        },
      ],
      editor,
      replay(history),
    );
    expect(suggestStrideCategories(given(history, outbound), 'api-user').categories).toEqual([
      'tampering',
      'information_disclosure',
      'denial_of_service',
    ]);
  });

  it('throws NotFound for an unknown id', () => {
    expect(() => suggestStrideCategories(given(smallModelHistory()), 'ghost')).toThrow(
      /does not exist/,
    );
  });
});

describe('strideMatrix', () => {
  it('places a threat ref in the cell of its target and category', () => {
    const matrix = strideMatrix(given(smallModelHistory()));
    const api = matrix.rows.find((row) => row.id === 'api');
    expect(api?.cells.information_disclosure).toEqual([1]);
    expect(api?.cells.spoofing).toEqual([]);
  });

  it('has a row for every element and every flow, elements first', () => {
    const matrix = strideMatrix(given(smallModelHistory()));
    expect(matrix.rows.map((row) => `${row.kind}:${row.id}`)).toEqual([
      'element:user',
      'element:api',
      'element:db',
      'flow:user-api',
      'flow:api-db',
    ]);
  });

  it('lists suggested categories without threats as unexamined', () => {
    const api = strideMatrix(given(smallModelHistory())).rows.find((row) => row.id === 'api');
    expect(api?.unexamined).not.toContain('information_disclosure');
    expect(api?.unexamined).toContain('spoofing');
  });

  it('lists detached threats as unassigned', () => {
    const history = smallModelHistory();
    const detached = eventsOf(
      [
        {
          type: 'RemoveElement',
          elementId: 'api',
          threats: { policy: 'detach' },
          cascadeFlows: true,
        },
      ],
      editor,
      replay(history),
    );
    expect(strideMatrix(given(history, detached)).unassigned).toEqual([1]);
  });
});
