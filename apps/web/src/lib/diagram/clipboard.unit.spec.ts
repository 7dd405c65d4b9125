import type { Element, Flow } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { copySelection, planPaste } from './clipboard.js';

function element(
  id: string,
  zoneId = 'z',
): { element: Element; box: { x: number; y: number; width: number; height: number } } {
  return {
    element: {
      id,
      kind: 'process',
      name: id,
      description: '',
      technology: '',
      zoneId,
      c4Level: 'container',
      tags: ['t'],
    },
    box: { x: 10, y: 20, width: 100, height: 50 },
  };
}

function flow(id: string, sourceId: string, destinationId: string): Flow {
  return { id, name: id, sourceId, destinationId, bidirectional: false, data: 'd', protocol: 'p' };
}

describe('copy and paste on the diagram', () => {
  it('copies the selected elements and only the flows between them', () => {
    const clip = copySelection(
      new Set(['a', 'b']),
      [element('a'), element('b'), element('c')],
      [flow('ab', 'a', 'b'), flow('bc', 'b', 'c')],
    );
    expect(clip?.elements.map((placed) => placed.element.id)).toEqual(['a', 'b']);
    expect(clip?.flows.map((copied) => copied.id)).toEqual(['ab']);
  });

  it('copies nothing when no element is selected', () => {
    expect(copySelection(new Set(['ab']), [element('a')], [flow('ab', 'a', 'b')])).toBeNull();
  });

  it('pastes with new ids, moved, flows re-attached to the copies', () => {
    let next = 0;
    const plan = planPaste(
      { elements: [element('a'), element('b')], flows: [flow('ab', 'a', 'b')] },
      { x: 40, y: 40 },
      new Set(['z']),
      null,
      () => `new-${++next}`,
    );
    expect(plan.elements.map((placed) => [placed.element.id, placed.box.x, placed.box.y])).toEqual([
      ['new-1', 50, 60],
      ['new-2', 50, 60],
    ]);
    expect(plan.flows).toEqual([
      { ...flow('ab', 'a', 'b'), id: 'new-3', sourceId: 'new-1', destinationId: 'new-2' },
    ]);
  });

  it('puts copies whose zone is gone in the fallback zone, or leaves them out without one', () => {
    const clip = { elements: [element('a', 'gone')], flows: [] };
    expect(
      planPaste(clip, { x: 0, y: 0 }, new Set(['z']), 'z', () => 'n').elements[0]?.element.zoneId,
    ).toBe('z');
    expect(planPaste(clip, { x: 0, y: 0 }, new Set(['z']), null, () => 'n').elements).toEqual([]);
  });
});
