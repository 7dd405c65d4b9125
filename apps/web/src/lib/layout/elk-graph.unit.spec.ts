import { readFileSync } from 'node:fs';
import { collabModelOf } from '@threatloom/collab';
import { loadGenomeWell } from '@threatloom/domain';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { centreInside, overlaps } from '../diagram/diagram-graph.js';
import { fromElkGraph, toElkGraph, type LayoutInput } from './elk-graph.js';

const genomeWell: unknown = JSON.parse(
  readFileSync(new URL('../../../../api/src/demo/genomewell.json', import.meta.url), 'utf8'),
);

function genomeWellInput(): LayoutInput {
  const loaded = loadGenomeWell(genomeWell, {
    actor: {
      userId: 'risk-owner',
      organisationId: 'agency',
      roles: ['risk_owner'],
      email: 'owner@example.test',
    },
    now: '2026-12-07T12:00:00.000Z',
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const model = collabModelOf(loaded.state);
  return {
    zones: Object.values(model.zones),
    elements: Object.values(model.elements),
    flows: Object.values(model.flows),
  };
}

describe('auto-layout with ELK', () => {
  it('lays GenomeWell out with no overlapping elements, each inside its own zone', async () => {
    const input = genomeWellInput();
    const laidOut = await new ELK().layout(toElkGraph(input));
    const result = fromElkGraph(laidOut, input);
    expect(result.elements.size).toBe(input.elements.length);
    expect(result.zones.size).toBe(input.zones.length);
    const boxes = [...result.elements.entries()];
    for (const [a, boxA] of boxes) {
      for (const [b, boxB] of boxes)
        if (a !== b) expect(overlaps(boxA, boxB), `${a} / ${b}`).toBe(false);
    }
    for (const element of input.elements) {
      expect(
        centreInside(result.elements.get(element.id)!, result.zones.get(element.zoneId)!),
      ).toBe(true);
    }
    for (const zone of input.zones) {
      if (zone.parentZoneId) {
        expect(centreInside(result.zones.get(zone.id)!, result.zones.get(zone.parentZoneId)!)).toBe(
          true,
        );
      }
    }
  });

  it('puts the zones of a zone inside it, and leaves out flows to elements it does not hold', () => {
    const graph = toElkGraph({
      zones: [
        { id: 'outer', name: 'o', trust: 'trusted', parentZoneId: null, description: '' },
        { id: 'inner', name: 'i', trust: 'trusted', parentZoneId: 'outer', description: '' },
      ],
      elements: [],
      flows: [
        {
          id: 'f',
          name: 'f',
          sourceId: 'a',
          destinationId: 'b',
          bidirectional: false,
          data: '',
          protocol: '',
        },
      ],
    });
    expect(graph.children?.map((child) => child.id)).toEqual(['outer']);
    expect(graph.children?.[0]?.children?.map((child) => child.id)).toEqual(['inner']);
    expect(graph.edges).toEqual([]);
  });
});
