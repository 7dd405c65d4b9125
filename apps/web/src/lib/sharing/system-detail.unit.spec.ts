import { describe, expect, it } from 'vitest';
import { criticalityTierLabel, modelNamesQuery } from './system-detail.js';

describe('modelNamesQuery', () => {
  it('reads each model under its own alias, with the ids as variables', () => {
    expect(modelNamesQuery(['a', 'b'])).toEqual({
      query:
        'query ModelNames($id0: ID!, $id1: ID!) { model0: model(id: $id0) { id name } model1: model(id: $id1) { id name } }',
      variables: { id0: 'a', id1: 'b' },
    });
  });
});

describe('criticalityTierLabel', () => {
  it('says the tier with its word', () => {
    expect(criticalityTierLabel(1)).toBe('Tier 1 · critical');
    expect(criticalityTierLabel(4)).toBe('Tier 4 · low');
    expect(criticalityTierLabel(7)).toBe('Tier 7');
  });
});
