import { describe, expect, it } from 'vitest';
import { overlaps } from './diagram-graph.js';
import {
  defaultElementName,
  elementBoxAt,
  freeElementBoxNear,
  uniqueName,
} from './new-entities.js';

describe('new elements', () => {
  it('are named after their kind, numbered when the name is taken', () => {
    expect(defaultElementName('process', new Set())).toBe('Process');
    expect(uniqueName('Process', new Set(['Process', 'Process 2']))).toBe('Process 3');
  });

  it('go where asked when the spot is free', () => {
    expect(freeElementBoxNear({ x: 100, y: 100 }, [])).toEqual(elementBoxAt({ x: 100, y: 100 }));
  });

  it('never cover an element already there, however many are added at one point', () => {
    const taken = [];
    for (let index = 0; index < 30; index += 1) {
      const box = freeElementBoxNear({ x: 0, y: 0 }, taken);
      for (const other of taken) expect(overlaps(box, other)).toBe(false);
      taken.push(box);
    }
  });
});
