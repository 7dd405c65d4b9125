import { contentOf } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { buildModel, runCommands } from '../../../test/support/domain-model.js';
import { changeCounts, compareContents, scoreWords } from './comparison.js';

describe('comparing two points of a model', () => {
  const created = buildModel(
    { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
    { type: 'AddElement', elementId: 'web', kind: 'process', name: 'Web app', zoneId: 'dmz' },
    { type: 'AddElement', elementId: 'old', kind: 'process', name: 'Old batch job', zoneId: 'dmz' },
    {
      type: 'IdentifyThreat',
      threatId: 'spoof',
      ref: 1,
      title: 'Spoofed login',
      stride: 'spoofing',
      target: { kind: 'element', id: 'web' },
    },
  );
  const later = runCommands(
    created,
    {
      type: 'ScoreThreat',
      threatId: 'spoof',
      method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    },
    {
      type: 'AcceptRisk',
      decisionId: 'accept-spoof',
      threatId: 'spoof',
      rationale: 'Behind the VPN',
    },
    { type: 'ChangeElement', elementId: 'web', name: 'Web front end' },
    { type: 'RemoveElement', elementId: 'old', threats: { policy: 'remove' } },
    { type: 'AddElement', elementId: 'db', kind: 'data_store', name: 'Ledger', zoneId: 'dmz' },
  );

  it('lists scores and decisions first, highlighted, with what they became', () => {
    const entries = compareContents(contentOf(created), contentOf(later));
    expect(entries.slice(0, 2)).toEqual([
      {
        collection: 'scores',
        id: 'spoof',
        name: 'T-1 Spoofed login',
        change: 'added',
        fields: [],
        detail: 'no score → 9.8 Critical',
        isHighlighted: true,
      },
      {
        collection: 'decisions',
        id: 'accept-spoof',
        name: 'Acceptance of T-1 Spoofed login',
        change: 'added',
        fields: [],
        detail: 'Behind the VPN',
        isHighlighted: true,
      },
    ]);
  });

  it('names added, removed and changed elements from the side they exist on', () => {
    const elements = compareContents(contentOf(created), contentOf(later)).filter(
      (entry) => entry.collection === 'elements',
    );
    expect(elements.map(({ name, change, fields }) => ({ name, change, fields }))).toEqual([
      { name: 'Ledger', change: 'added', fields: [] },
      { name: 'Old batch job', change: 'removed', fields: [] },
      { name: 'Web front end', change: 'changed', fields: ['name'] },
    ]);
  });

  it('finds nothing between a point and itself', () => {
    expect(compareContents(contentOf(later), contentOf(later))).toEqual([]);
    expect(changeCounts([])).toBe('');
  });

  it('counts what changed by kind, in words', () => {
    expect(changeCounts(compareContents(contentOf(created), contentOf(later)))).toBe(
      '1 score, 1 risk decision, 1 threat, 3 elements',
    );
  });

  it('words scores', () => {
    expect(scoreWords(null)).toBe('no score');
  });
});
