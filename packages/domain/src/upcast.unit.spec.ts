import { describe, expect, it } from 'vitest';
import {
  createUpcaster,
  currentEventVersions,
  upcast,
  upcastKey,
  type UpcastStep,
} from './index.js';

describe('upcast', () => {
  it('passes a current v1 event through unchanged', () => {
    const stored = { type: 'ThreatRemoved', schemaVersion: 1, data: { threatId: 'threat-1' } };
    expect(upcast(stored)).toEqual(stored);
  });

  it('knows a current version for every event type', () => {
    expect(Object.values(currentEventVersions).every((version) => version >= 1)).toBe(true);
  });

  it('reads a v1 ThreatModelCreated as requiring ticket links, the policy before it was a setting', () => {
    const settings = { severityBands: [], approvalThreshold: 'high', riskMatrix: null };
    const upcast1 = upcast({
      type: 'ThreatModelCreated',
      schemaVersion: 1,
      data: { modelId: 'm', settings },
    });
    expect(upcast1).toEqual({
      type: 'ThreatModelCreated',
      schemaVersion: 2,
      data: { modelId: 'm', settings: { ...settings, requiresTicketLinks: true } },
    });
    expect(upcast({ type: 'ModelSettingsChanged', schemaVersion: 1, data: { settings } })).toEqual({
      type: 'ModelSettingsChanged',
      schemaVersion: 2,
      data: { settings: { ...settings, requiresTicketLinks: true } },
    });
  });

  it('reads v1 element events without the diagram layout they carried, which now lives in the co-editing doc', () => {
    const element = {
      id: 'api',
      kind: 'process',
      name: 'API',
      description: '',
      technology: '',
      zoneId: 'z',
      c4Level: 'container',
      tags: [],
    };
    expect(
      upcast({
        type: 'ElementAdded',
        schemaVersion: 1,
        data: { element: { ...element, layout: { x: 10, y: 20 } } },
      }),
    ).toEqual({ type: 'ElementAdded', schemaVersion: 2, data: { element } });
    // A move alone becomes a change of nothing; a move with a rename keeps the rename.
    expect(
      upcast({
        type: 'ElementChanged',
        schemaVersion: 1,
        data: { elementId: 'api', changes: { layout: { x: 1, y: 2 } } },
      }),
    ).toEqual({
      type: 'ElementChanged',
      schemaVersion: 2,
      data: { elementId: 'api', changes: {} },
    });
    expect(
      upcast({
        type: 'ElementChanged',
        schemaVersion: 1,
        data: { elementId: 'api', changes: { name: 'Gateway', layout: null } },
      }).data,
    ).toEqual({ elementId: 'api', changes: { name: 'Gateway' } });
  });

  it('refuses an unknown event type', () => {
    expect(() => upcast({ type: 'ThreatDeleted', schemaVersion: 1, data: {} })).toThrow(
      /unknown event type/,
    );
  });

  it('refuses an event written by a newer version of the code', () => {
    expect(() => upcast({ type: 'ThreatRemoved', schemaVersion: 2, data: {} })).toThrow(/newer/);
  });

  it('applies registered steps in order from the stored version to the current one', () => {
    // A hypothetical history: v1 had `name`, v2 renamed it `title`, v3 added `linddun`.
    const upcaster = createUpcaster(
      new Map<string, UpcastStep>([
        [
          upcastKey('ThreatRevised', 1),
          (data) => {
            const { name, ...rest } = data as { name: string };
            return { ...rest, title: name };
          },
        ],
        [upcastKey('ThreatRevised', 2), (data) => ({ ...(data as object), linddun: null })],
      ]),
      { ThreatRevised: 3 },
    );
    expect(upcaster({ type: 'ThreatRevised', schemaVersion: 1, data: { name: 'Old' } })).toEqual({
      type: 'ThreatRevised',
      schemaVersion: 3,
      data: { title: 'Old', linddun: null },
    });
  });

  it('refuses a stored version with no step to the next one', () => {
    const upcaster = createUpcaster(new Map(), { ThreatRevised: 2 });
    expect(() => upcaster({ type: 'ThreatRevised', schemaVersion: 1, data: {} })).toThrow(
      /no upcaster from ThreatRevised v1/,
    );
  });
});
