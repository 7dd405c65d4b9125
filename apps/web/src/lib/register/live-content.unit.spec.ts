import { ModelDoc } from '@threatloom/collab';
import { defaultSettings } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContent } from './live-content.js';

describe('liveContent', () => {
  it('reads a doc the server has not filled yet as an empty model with default settings', () => {
    const content = liveContent(new Y.Doc());
    expect(content.threats).toEqual({});
    expect(content.noThreats).toEqual({});
    expect(content.settings).toEqual(defaultSettings());
  });

  it('reads what the doc holds', () => {
    const doc = new Y.Doc();
    new ModelDoc(doc).add('zones', 'dmz', {
      name: 'DMZ',
      trust: 'low',
      parentZoneId: null,
      description: '',
    });
    expect(liveContent(doc).zones['dmz']?.name).toBe('DMZ');
  });
});
