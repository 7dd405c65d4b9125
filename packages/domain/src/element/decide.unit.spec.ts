import { describe, expect, it } from 'vitest';
import { decide, replay } from '../index.js';
import {
  editor,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

describe('AddElement', () => {
  it('adds a process at container level by default', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AddElement',
          elementId: 'worker',
          kind: 'process',
          name: 'Worker',
          zoneId: 'zone-core',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'ElementAdded',
      data: { element: { id: 'worker', c4Level: 'container' } },
    });
  });

  it('puts external entities at context level by default', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AddElement',
          elementId: 'bank',
          kind: 'external_entity',
          name: 'Bank',
          zoneId: 'zone-internet',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({ data: { element: { c4Level: 'context' } } });
  });

  it('refuses a layout: diagram positions live in the co-editing doc, not in events', () => {
    const state = given(smallModelHistory());
    const added = decide(
      {
        type: 'AddElement',
        elementId: 'x',
        kind: 'process',
        name: 'X',
        zoneId: 'zone-core',
        layout: { x: 1, y: 2 },
      },
      state,
      editor,
    );
    expectRefusal(added, 'VALIDATION', 'layout');
    const moved = decide(
      { type: 'ChangeElement', elementId: 'api', layout: { x: 1, y: 2 } },
      state,
      editor,
    );
    expectRefusal(moved, 'VALIDATION', 'layout');
  });

  it('refuses an element in a zone that does not exist', () => {
    const result = decide(
      { type: 'AddElement', elementId: 'x', kind: 'process', name: 'X', zoneId: 'zone-moon' },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'NOT_FOUND', 'zoneId');
  });

  it('refuses an id already used by a flow, so threat targets stay unambiguous', () => {
    const result = decide(
      {
        type: 'AddElement',
        elementId: 'user-api',
        kind: 'process',
        name: 'X',
        zoneId: 'zone-core',
      },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'CONFLICT', 'elementId');
  });
});

describe('ChangeElement', () => {
  it('moves an element to another zone', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeElement', elementId: 'db', zoneId: 'zone-internet' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ElementChanged',
        schemaVersion: 2,
        data: { elementId: 'db', changes: { zoneId: 'zone-internet' } },
      },
    ]);
  });

  it('refuses an unknown element', () => {
    expectRefusal(
      decide(
        { type: 'ChangeElement', elementId: 'ghost', name: 'G' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'elementId',
    );
  });
});

describe('RemoveElement', () => {
  it('refuses while flows still reference the element unless told to cascade', () => {
    const error = expectRefusal(
      decide(
        { type: 'RemoveElement', elementId: 'db', threats: { policy: 'remove' } },
        given(smallModelHistory()),
        editor,
      ),
      'ILLEGAL_STATE',
      'cascadeFlows',
    );
    expect(error.message).toContain("'api-db'");
  });

  it('cascades to its flows and removes its threats with the remove policy', () => {
    const events = expectEvents(
      decide(
        {
          type: 'RemoveElement',
          elementId: 'api',
          threats: { policy: 'remove' },
          cascadeFlows: true,
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events.map((e) => e.type)).toEqual([
      'ThreatRemoved',
      'FlowRemoved',
      'FlowRemoved',
      'ElementRemoved',
    ]);
  });

  it('moves its threats to another element with the reassign policy', () => {
    const state = given(smallModelHistory());
    const events = expectEvents(
      decide(
        {
          type: 'RemoveElement',
          elementId: 'api',
          threats: { policy: 'reassign', target: { kind: 'element', id: 'db' } },
          cascadeFlows: true,
        },
        state,
        editor,
      ),
    );
    expect(replay(events, state).threats['threat-1']?.target).toEqual({
      kind: 'element',
      id: 'db',
    });
  });

  it('keeps its threats without a target with the detach policy', () => {
    const state = given(smallModelHistory());
    const events = expectEvents(
      decide(
        {
          type: 'RemoveElement',
          elementId: 'api',
          threats: { policy: 'detach' },
          cascadeFlows: true,
        },
        state,
        editor,
      ),
    );
    expect(replay(events, state).threats['threat-1']?.target).toBeNull();
  });

  it('refuses to reassign threats to a flow that is removed with the element', () => {
    expectRefusal(
      decide(
        {
          type: 'RemoveElement',
          elementId: 'api',
          threats: { policy: 'reassign', target: { kind: 'flow', id: 'api-db' } },
          cascadeFlows: true,
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'threats.target',
    );
  });

  it('refuses a removal that does not say what happens to the threats', () => {
    expectRefusal(
      decide(
        { type: 'RemoveElement', elementId: 'api', cascadeFlows: true },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'threats',
    );
  });
});
