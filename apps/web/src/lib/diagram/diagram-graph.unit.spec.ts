import type { ElementLayout } from '@threatloom/collab';
import type { Element, Flow, Zone } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import {
  boxesPath,
  centreInside,
  nearestZone,
  overlaps,
  overviewViewBox,
  placeDiagram,
  zoneAt,
  type DiagramInput,
} from './diagram-graph.js';

function zone(id: string, parentZoneId: string | null = null): Zone {
  return { id, name: id, trust: 'trusted', parentZoneId, description: '' };
}

function element(id: string, zoneId: string): Element {
  return {
    id,
    kind: 'process',
    name: id,
    description: '',
    technology: '',
    zoneId,
    c4Level: 'container',
    tags: [],
  };
}

function flow(id: string, sourceId: string, destinationId: string): Flow {
  return { id, name: id, sourceId, destinationId, bidirectional: false, data: '', protocol: '' };
}

function input(
  zones: Zone[],
  elements: Element[],
  flows: Flow[] = [],
  elementLayouts: Record<string, ElementLayout> = {},
  zoneLayouts: Record<string, ElementLayout> = {},
): DiagramInput {
  return {
    zones,
    elements,
    flows,
    elementLayout: (id) => elementLayouts[id] ?? null,
    zoneLayout: (id) => zoneLayouts[id] ?? null,
    flowWaypoints: () => [],
  };
}

describe('placeDiagram', () => {
  it('keeps stored positions as they are', () => {
    const geometry = placeDiagram(
      input([zone('z')], [element('a', 'z')], [], { a: { x: 40, y: 50, width: 100, height: 40 } }),
    );
    expect(geometry.elements[0]).toMatchObject({
      box: { x: 40, y: 50, width: 100, height: 40 },
      isStored: true,
    });
  });

  it('places a model without layout so no two elements overlap, each inside its zone box', () => {
    const zones = [zone('outer'), zone('inner', 'outer'), zone('other'), zone('deep', 'inner')];
    const elements = [
      ...Array.from({ length: 7 }, (_, index) => element(`o${index}`, 'outer')),
      ...Array.from({ length: 3 }, (_, index) => element(`i${index}`, 'inner')),
      ...Array.from({ length: 5 }, (_, index) => element(`x${index}`, 'other')),
      element('d0', 'deep'),
    ];
    const geometry = placeDiagram(input(zones, elements));
    for (const a of geometry.elements) {
      for (const b of geometry.elements) {
        if (a !== b)
          expect(overlaps(a.box, b.box), `${a.element.id} / ${b.element.id}`).toBe(false);
      }
      const own = geometry.zones.find((placed) => placed.zone.id === a.element.zoneId)!;
      expect(centreInside(a.box, own.box), a.element.id).toBe(true);
      // The innermost zone at its centre is its own zone: dropping it back changes nothing.
      expect(zoneAt(a.box, geometry.zones)?.zone.id).toBe(a.element.zoneId);
    }
    const box = (id: string) => geometry.zones.find((placed) => placed.zone.id === id)!.box;
    expect(overlaps(box('outer'), box('other'))).toBe(false);
    expect(centreInside(box('inner'), box('outer'))).toBe(true);
    expect(centreInside(box('deep'), box('inner'))).toBe(true);
  });

  it('gives an empty nested zone a box inside its parent', () => {
    const geometry = placeDiagram(input([zone('p'), zone('empty', 'p')], [element('a', 'p')]));
    const box = (id: string) => geometry.zones.find((placed) => placed.zone.id === id)!.box;
    expect(centreInside(box('empty'), box('p'))).toBe(true);
  });

  it('adds an element without a position below its zone members', () => {
    const geometry = placeDiagram(
      input([zone('z')], [element('a', 'z'), element('b', 'z')], [], { a: { x: 0, y: 0 } }),
    );
    const [a, b] = ['a', 'b'].map((id) => geometry.elements.find((e) => e.element.id === id)!);
    expect(b!.isStored).toBe(false);
    expect(b!.box.y).toBeGreaterThan(a!.box.y + a!.box.height);
  });

  it('draws only flows whose two ends it draws', () => {
    const geometry = placeDiagram(
      input(
        [zone('z')],
        [element('a', 'z'), element('b', 'z')],
        [flow('f', 'a', 'b'), flow('g', 'a', 'gone')],
      ),
    );
    expect(geometry.flows.map((f) => f.id)).toEqual(['f']);
  });

  it('wraps top-level zones into rows rather than one long line', () => {
    const zones = Array.from({ length: 8 }, (_, index) => zone(`z${index}`));
    const elements = zones.flatMap((placed) =>
      Array.from({ length: 4 }, (_, index) => element(`${placed.id}-${index}`, placed.id)),
    );
    const geometry = placeDiagram(input(zones, elements));
    const rows = new Set(geometry.zones.map((placed) => placed.box.y));
    expect(rows.size).toBeGreaterThan(1);
    for (const a of geometry.zones) {
      for (const b of geometry.zones) {
        if (a !== b) expect(overlaps(a.box, b.box)).toBe(false);
      }
    }
  });

  it('lists zones outermost first, so inner zones are drawn on top', () => {
    const geometry = placeDiagram(input([zone('inner', 'outer'), zone('outer')], []));
    expect(geometry.zones.map((placed) => placed.zone.id)).toEqual(['outer', 'inner']);
  });
});

describe('nearestZone', () => {
  it('picks the zone holding the point, else the closest box', () => {
    const geometry = placeDiagram(
      input([zone('a'), zone('b')], [element('x', 'a'), element('y', 'b')]),
    );
    const boxOf = (id: string) => geometry.zones.find((placed) => placed.zone.id === id)!.box;
    const b = boxOf('b');
    expect(nearestZone({ x: b.x + 5, y: b.y + 5 }, geometry.zones)?.zone.id).toBe('b');
    expect(nearestZone({ x: b.x + b.width + 30, y: b.y }, geometry.zones)?.zone.id).toBe('b');
    expect(nearestZone({ x: 0, y: 0 }, [])).toBeNull();
  });
});

describe('the overview of the diagram', () => {
  it('shows everything drawn and the main view, centred, at its own aspect ratio', () => {
    const drawn = { x: 0, y: 0, width: 1000, height: 300 };
    const view = { x: 800, y: 100, width: 400, height: 300 };
    // Together 1200 x 400: 6 diagram units a pixel of a 200 x 150 overview, plus 5 px around.
    expect(overviewViewBox(drawn, view, { width: 200, height: 150 })).toEqual({
      x: -30,
      y: -280,
      width: 1260,
      height: 960,
    });
  });

  it('shows the main view alone when nothing is drawn', () => {
    const view = { x: 0, y: 0, width: 200, height: 150 };
    expect(overviewViewBox(null, view, { width: 200, height: 150 })).toEqual({
      x: -5,
      y: -5,
      width: 210,
      height: 160,
    });
  });

  it('draws every box as one closed rectangle of a single path, and nothing for no boxes', () => {
    expect(
      boxesPath([
        { x: 10, y: 20, width: 30, height: 40 },
        { x: -5, y: 0, width: 1, height: 2 },
      ]),
    ).toBe('M10,20h30v40h-30zM-5,0h1v2h-1z');
    expect(boxesPath([])).toBe('');
  });
});
