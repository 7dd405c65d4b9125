import { describe, expect, it } from 'vitest';
import { neighbours, positionOf } from './model-as-of.js';

describe('the model as of a past point', () => {
  it('reads the position from the address, and nothing that is not one', () => {
    expect(positionOf(new URLSearchParams('position=42'))).toBe(42);
    expect(positionOf(new URLSearchParams(''))).toBeNull();
    expect(positionOf(new URLSearchParams('position=-1'))).toBeNull();
    expect(positionOf(new URLSearchParams('position=4.2'))).toBeNull();
    expect(positionOf(new URLSearchParams('position=1e9'))).toBeNull();
  });

  it('steps to the decisions just before and just after a point', () => {
    expect(neighbours([30, 10, 20, 20], 20)).toEqual({ previous: 10, next: 30 });
    expect(neighbours([10, 20], 5)).toEqual({ previous: null, next: 10 });
    expect(neighbours([10, 20], 25)).toEqual({ previous: 20, next: null });
    expect(neighbours([], 25)).toEqual({ previous: null, next: null });
  });
});
