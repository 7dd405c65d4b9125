import { describe, expect, it } from 'vitest';
import { boundaryCrossing, decide } from '../index.js';
import {
  editor,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

describe('AddFlow', () => {
  it('adds a flow between existing elements', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AddFlow',
          flowId: 'db-user',
          name: 'Export',
          sourceId: 'db',
          destinationId: 'user',
          data: 'CSV',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'FlowAdded',
        schemaVersion: 1,
        data: {
          flow: {
            id: 'db-user',
            name: 'Export',
            sourceId: 'db',
            destinationId: 'user',
            bidirectional: false,
            data: 'CSV',
            protocol: '',
          },
        },
      },
    ]);
  });

  it('refuses a flow whose destination does not exist', () => {
    expectRefusal(
      decide(
        { type: 'AddFlow', flowId: 'f', name: 'F', sourceId: 'api', destinationId: 'ghost' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'destinationId',
    );
  });

  it('refuses a flow from an element to itself', () => {
    expectRefusal(
      decide(
        { type: 'AddFlow', flowId: 'f', name: 'F', sourceId: 'api', destinationId: 'api' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'destinationId',
    );
  });
});

describe('ChangeFlow', () => {
  it('refuses a change that would make both endpoints the same', () => {
    expectRefusal(
      decide(
        { type: 'ChangeFlow', flowId: 'api-db', destinationId: 'api' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'destinationId',
    );
  });
});

describe('RemoveFlow', () => {
  it('removes a flow without threats', () => {
    const events = expectEvents(
      decide(
        { type: 'RemoveFlow', flowId: 'api-db', threats: { policy: 'remove' } },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([{ type: 'FlowRemoved', schemaVersion: 1, data: { flowId: 'api-db' } }]);
  });
});

describe('boundary crossing', () => {
  it('marks a flow from an untrusted zone into a trusted one as entering a more trusted zone', () => {
    const state = given(smallModelHistory());
    const flow = state.flows['user-api'];
    if (!flow) throw new Error('fixture flow missing');
    expect(boundaryCrossing(state, flow)).toEqual({
      sourceZoneId: 'zone-internet',
      destinationZoneId: 'zone-core',
      crossesBoundary: true,
      entersMoreTrustedZone: true,
    });
  });

  it('does not mark a flow inside one zone as a crossing', () => {
    const state = given(smallModelHistory());
    const flow = state.flows['api-db'];
    if (!flow) throw new Error('fixture flow missing');
    expect(boundaryCrossing(state, flow).crossesBoundary).toBe(false);
  });
});

describe('more flow changes', () => {
  it('records a changed protocol', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeFlow', flowId: 'api-db', protocol: 'TLS 1.3' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'FlowChanged',
        schemaVersion: 1,
        data: { flowId: 'api-db', changes: { protocol: 'TLS 1.3' } },
      },
    ]);
  });

  it('refuses to remove an unknown flow', () => {
    expectRefusal(
      decide(
        { type: 'RemoveFlow', flowId: 'ghost', threats: { policy: 'remove' } },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'flowId',
    );
  });
});
