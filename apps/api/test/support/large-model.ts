import { decide, initialState, type CommandContext, type DomainEvent } from '@threatloom/domain';

/** How big a generated model is. */
export interface LargeModelShape {
  elements: number;
  events: number;
}

/**
 * The events of a model with `shape.elements` elements and exactly
 * `shape.events` events: two zones, the elements, one flow and two threats
 * per element, then layout moves until the count is reached. The model's
 * creation is decided by the domain; the rest are written in the domain's
 * event shapes directly (deciding 10,000 commands one by one on a growing
 * state takes far longer than the test may), and the server's replay of
 * them checks that every event fits.
 */
export function largeModelEvents(
  ids: { modelId: string; systemId: string },
  context: CommandContext,
  shape: LargeModelShape,
): DomainEvent[] {
  const created = decide(
    { type: 'CreateThreatModel', modelId: ids.modelId, systemId: ids.systemId, name: 'Large' },
    initialState(),
    context,
  );
  if (!created.ok) throw new Error(`CreateThreatModel: ${created.error.message}`);
  const events: DomainEvent[] = [...created.events];
  const add = (type: string, data: Record<string, unknown>): void => {
    if (events.length < shape.events) events.push({ type, schemaVersion: 1, data } as DomainEvent);
  };
  add('ZoneAdded', {
    zone: {
      id: 'zone-internet',
      name: 'Internet',
      trust: 'untrusted',
      parentZoneId: null,
      description: '',
    },
  });
  add('ZoneAdded', {
    zone: { id: 'zone-core', name: 'Core', trust: 'trusted', parentZoneId: null, description: '' },
  });
  const elementId = (index: number): string => `element-${index}`;
  for (let index = 0; index < shape.elements; index += 1) {
    add('ElementAdded', {
      element: {
        id: elementId(index),
        kind: index % 3 === 0 ? 'external_entity' : index % 3 === 1 ? 'process' : 'data_store',
        name: `Element ${index}`,
        description: '',
        technology: '',
        zoneId: index % 2 === 0 ? 'zone-internet' : 'zone-core',
        c4Level: index % 3 === 0 ? 'context' : 'container',
        tags: [],
        layout: null,
      },
    });
  }
  for (let index = 0; index < shape.elements; index += 1) {
    add('FlowAdded', {
      flow: {
        id: `flow-${index}`,
        name: `Flow ${index}`,
        sourceId: elementId(index),
        destinationId: elementId((index + 1) % shape.elements),
        bidirectional: false,
        data: '',
        protocol: '',
      },
    });
  }
  for (let index = 0; index < shape.elements * 2; index += 1) {
    add('ThreatIdentified', {
      threat: {
        id: `threat-${index}`,
        ref: index + 1,
        sourceRef: null,
        title: `Threat ${index}`,
        description: '',
        stride: index % 2 === 0 ? 'tampering' : 'spoofing',
        linddun: null,
        target: { kind: 'element', id: elementId(index % shape.elements) },
        assetIds: [],
      },
    });
  }
  for (let move = 0; events.length < shape.events; move += 1) {
    add('ElementChanged', {
      elementId: elementId(move % shape.elements),
      changes: { layout: { x: move, y: move } },
    });
  }
  return events;
}
