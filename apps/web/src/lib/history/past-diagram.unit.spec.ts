import { contentOf } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../test/support/domain-model.js';
import { fitted, pastDiagram, type DiagramLayout } from './past-diagram.js';

describe('a past model drawn read-only', () => {
  const state = buildModel(
    { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
    { type: 'AddElement', elementId: 'web', kind: 'process', name: 'Web', zoneId: 'dmz' },
    { type: 'AddElement', elementId: 'db', kind: 'data_store', name: 'Ledger', zoneId: 'dmz' },
    {
      type: 'AddFlow',
      flowId: 'writes',
      name: 'Writes',
      sourceId: 'web',
      destinationId: 'db',
      data: 'payments',
      protocol: 'TLS',
    },
  );

  it('keeps the places today’s diagram has and runs flows between element borders', () => {
    const layout: DiagramLayout = {
      elementLayout: (id) =>
        id === 'web'
          ? { x: 0, y: 0, width: 100, height: 50 }
          : id === 'db'
            ? { x: 300, y: 0, width: 100, height: 50 }
            : null,
      zoneLayout: () => null,
      flowWaypoints: () => [],
    };
    const drawn = pastDiagram(contentOf(state), layout);
    expect(drawn.geometry.elements.map((placed) => [placed.element.id, placed.box.x])).toEqual([
      ['db', 300],
      ['web', 0],
    ]);
    expect(drawn.flows).toEqual([
      {
        id: 'writes',
        name: 'Writes',
        label: 'Writes',
        x1: 100,
        y1: 25,
        x2: 300,
        y2: 25,
        labelX: 200,
        labelY: 25,
        bidirectional: false,
      },
    ]);
    // The zone is drawn around its members, and the view holds everything.
    const zone = drawn.geometry.zones[0]!.box;
    expect(zone.x).toBeLessThan(0);
    expect(drawn.viewBox!.x).toBeLessThan(zone.x);
    expect(drawn.viewBox!.x + drawn.viewBox!.width).toBeGreaterThan(zone.x + zone.width);
  });

  it('places what today’s diagram no longer has, without overlapping', () => {
    const drawn = pastDiagram(contentOf(state), null);
    const [first, second] = drawn.geometry.elements.map((placed) => placed.box);
    const apart =
      first!.x + first!.width <= second!.x ||
      second!.x + second!.width <= first!.x ||
      first!.y + first!.height <= second!.y ||
      second!.y + second!.height <= first!.y;
    expect(apart).toBe(true);
    expect(drawn.flows).toHaveLength(1);
  });

  it('has nothing to draw for a model without elements', () => {
    const drawn = pastDiagram(contentOf(buildModel()), null);
    expect(drawn.viewBox).toBeNull();
    expect(drawn.flows).toEqual([]);
  });

  it('cuts names to the room they have, and leaves short flows unlabelled', () => {
    expect(fitted('Ledger', 168)).toBe('Ledger');
    expect(fitted('Logs (CloudTrail / CloudWatch) and more', 130)).toBe('Logs (CloudTrail /…');
    const layout: DiagramLayout = {
      elementLayout: (id) => ({ x: id === 'web' ? 0 : 110, y: 0, width: 100, height: 50 }),
      zoneLayout: () => null,
      flowWaypoints: () => [],
    };
    expect(pastDiagram(contentOf(state), layout).flows[0]!.label).toBeNull();
  });
});
