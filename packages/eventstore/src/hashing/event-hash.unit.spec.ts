import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import {
  GENESIS_HASH,
  canonicalEventEncoding,
  computeEventHash,
  type HashableEvent,
} from './event-hash.js';

const event: HashableEvent = {
  streamId: 'model-5f0c7a52-1a4e-4d8e-9a43-1f7f0f0c2b11',
  streamVersion: 0,
  eventId: '0b9d7a4e-8f0e-4c52-bb5d-3a1d6f4b2e77',
  type: 'ThreatIdentified',
  schemaVersion: 1,
  data: { title: 'Session token replay', stride: 'S' },
  metadata: { organisation: 'org-1', actor: 'user-1' },
  recordedAt: new Date('2026-11-24T09:00:00.000Z'),
};

describe('canonicalEventEncoding', () => {
  it('is the documented RFC 8785 text of the hashed fields', () => {
    expect(canonicalEventEncoding(event)).toBe(
      '{"data":{"stride":"S","title":"Session token replay"},' +
        '"eventId":"0b9d7a4e-8f0e-4c52-bb5d-3a1d6f4b2e77",' +
        '"metadata":{"actor":"user-1","organisation":"org-1"},' +
        '"recordedAt":"2026-11-24T09:00:00.000Z","schemaVersion":1,' +
        '"streamId":"model-5f0c7a52-1a4e-4d8e-9a43-1f7f0f0c2b11","streamVersion":0,"type":"ThreatIdentified"}',
    );
  });

  it('equals the canonical JSON of the hashed fields for any event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string(), (data, streamVersion, type) => {
        const candidate = { ...event, data, streamVersion, type };
        expect(canonicalEventEncoding(candidate)).toBe(
          canonicalJson({ ...candidate, recordedAt: candidate.recordedAt.toISOString() }),
        );
      }),
    );
  });
});

describe('computeEventHash', () => {
  it('is sha256 over the previous hash followed by the canonical encoding, in hex', () => {
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalEventEncoding(event))
      .digest('hex');
    expect(computeEventHash(GENESIS_HASH, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when the previous hash changes', () => {
    expect(computeEventHash('1'.repeat(64), event)).not.toBe(computeEventHash(GENESIS_HASH, event));
  });
});
