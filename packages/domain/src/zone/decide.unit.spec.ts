import { describe, expect, it } from 'vitest';
import { decide, replay } from '../index.js';
import {
  editor,
  eventsOf,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

describe('AddZone', () => {
  it('adds a zone nested in an existing one', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AddZone',
          zoneId: 'zone-db',
          name: 'DB subnet',
          trust: 'restricted',
          parentZoneId: 'zone-core',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ZoneAdded',
        schemaVersion: 1,
        data: {
          zone: {
            id: 'zone-db',
            name: 'DB subnet',
            trust: 'restricted',
            parentZoneId: 'zone-core',
            description: '',
          },
        },
      },
    ]);
  });

  it('refuses a duplicate zone id', () => {
    const result = decide(
      { type: 'AddZone', zoneId: 'zone-core', name: 'Again', trust: 'trusted' },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'CONFLICT', 'zoneId');
  });

  it('refuses a parent zone that does not exist', () => {
    const result = decide(
      { type: 'AddZone', zoneId: 'zone-x', name: 'X', trust: 'low', parentZoneId: 'nowhere' },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'NOT_FOUND', 'parentZoneId');
  });

  it('refuses a trust level outside the ordering', () => {
    const result = decide(
      { type: 'AddZone', zoneId: 'zone-x', name: 'X', trust: 'medium' },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'VALIDATION', 'trust');
  });
});

describe('ChangeZone', () => {
  it('refuses nesting a zone inside its own descendant', () => {
    const history = smallModelHistory();
    const nested = eventsOf(
      [
        {
          type: 'AddZone',
          zoneId: 'zone-db',
          name: 'DB',
          trust: 'restricted',
          parentZoneId: 'zone-core',
        },
      ],
      editor,
      replay(history),
    );
    const result = decide(
      { type: 'ChangeZone', zoneId: 'zone-core', parentZoneId: 'zone-db' },
      given(history, nested),
      editor,
    );
    expectRefusal(result, 'ILLEGAL_STATE', 'parentZoneId');
  });

  it('records only the fields that change', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeZone', zoneId: 'zone-core', trust: 'restricted' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ZoneChanged',
        schemaVersion: 1,
        data: { zoneId: 'zone-core', changes: { trust: 'restricted' } },
      },
    ]);
  });
});

describe('RemoveZone', () => {
  it('refuses to remove a zone that still holds elements, listing them', () => {
    const error = expectRefusal(
      decide({ type: 'RemoveZone', zoneId: 'zone-core' }, given(smallModelHistory()), editor),
      'ILLEGAL_STATE',
      'zoneId',
    );
    expect(error.message).toContain("'api'");
  });

  it('removes an empty zone', () => {
    const history = smallModelHistory();
    const added = eventsOf(
      [{ type: 'AddZone', zoneId: 'zone-empty', name: 'Empty', trust: 'low' }],
      editor,
      replay(history),
    );
    const events = expectEvents(
      decide({ type: 'RemoveZone', zoneId: 'zone-empty' }, given(history, added), editor),
    );
    expect(events).toEqual([
      { type: 'ZoneRemoved', schemaVersion: 1, data: { zoneId: 'zone-empty' } },
    ]);
  });
});
