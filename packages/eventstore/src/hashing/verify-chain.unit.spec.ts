import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, computeEventHash } from './event-hash.js';
import { verifyChain, type VerifiableEvent } from './verify-chain.js';

/** Builds a correctly chained stream of `count` events. */
function chainedStream(streamId: string, count: number, firstPosition = 1): VerifiableEvent[] {
  const events: VerifiableEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let version = 0; version < count; version += 1) {
    const fields = {
      streamId,
      streamVersion: version,
      eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
      type: 'ThreatScored',
      schemaVersion: 1,
      data: { score: version },
      metadata: { actor: 'user-1', organisation: 'org-1' },
      recordedAt: new Date(Date.UTC(2026, 10, 24, 9, 0, version)),
    };
    const hash = computeEventHash(previousHash, fields);
    events.push({ ...fields, position: firstPosition + version, previousHash, hash });
    previousHash = hash;
  }
  return events;
}

const STREAM_A = 'model-aaaaaaaa-0000-4000-8000-000000000000';
const STREAM_B = 'model-bbbbbbbb-0000-4000-8000-000000000000';

describe('verifyChain', () => {
  it('accepts intact chains of several streams given in any order', () => {
    const events = [...chainedStream(STREAM_A, 3), ...chainedStream(STREAM_B, 2, 10)].reverse();
    expect(verifyChain(events)).toEqual({
      isValid: true,
      eventsChecked: 5,
      streamsChecked: 2,
      brokenLinks: [],
    });
  });

  it('names exactly the event whose content was changed, whichever it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), (count, pick) => {
        const events = chainedStream(STREAM_A, count);
        const index = pick % count;
        const target = events[index] as VerifiableEvent;
        events[index] = { ...target, data: { score: -1 } };
        expect(verifyChain(events).brokenLinks).toEqual([
          expect.objectContaining({
            streamVersion: index,
            position: target.position,
            reason: 'hash_mismatch',
          }),
        ]);
      }),
    );
  });

  it('names an event that no longer points at its predecessor', () => {
    const events = chainedStream(STREAM_A, 3);
    events[2] = { ...(events[2] as VerifiableEvent), previousHash: GENESIS_HASH };
    // Its link is broken, and its own hash no longer matches the link it holds.
    expect(verifyChain(events).brokenLinks).toEqual([
      expect.objectContaining({ streamVersion: 2, reason: 'previous_hash_mismatch' }),
      expect.objectContaining({ streamVersion: 2, reason: 'hash_mismatch' }),
    ]);
  });

  it('names the event after a removed one as a version gap', () => {
    const events = chainedStream(STREAM_A, 4);
    events.splice(1, 1);
    expect(verifyChain(events).brokenLinks).toEqual([
      expect.objectContaining({
        streamVersion: 2,
        reason: 'version_gap',
        expected: '1',
        actual: '2',
      }),
    ]);
  });

  it('checks every stream whatever another stream holds', () => {
    const first = chainedStream(STREAM_A, 3);
    first[0] = { ...(first[0] as VerifiableEvent), type: 'Forged' };
    const report = verifyChain([...first, ...chainedStream(STREAM_B, 2, 10)]);
    expect(report.brokenLinks).toHaveLength(1);
    expect(report.brokenLinks[0]).toMatchObject({ streamId: STREAM_A, streamVersion: 0 });
    expect(report.streamsChecked).toBe(2);
  });

  it('names every tampered event of a stream, not only the first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.uniqueArray(fc.nat(), { minLength: 2, maxLength: 5 }),
        (count, picks) => {
          const events = chainedStream(STREAM_A, count);
          const targets = [...new Set(picks.map((pick) => pick % count))].sort((a, b) => a - b);
          for (const index of targets) {
            events[index] = { ...(events[index] as VerifiableEvent), data: { score: -1 } };
          }
          expect(verifyChain(events).brokenLinks.map((link) => link.streamVersion)).toEqual(
            targets,
          );
        },
      ),
    );
  });

  it('names the event after each of two removed ones', () => {
    const events = chainedStream(STREAM_A, 7);
    events.splice(4, 1);
    events.splice(1, 1);
    expect(
      verifyChain(events).brokenLinks.map((link) => [link.streamVersion, link.reason]),
    ).toEqual([
      [2, 'version_gap'],
      [5, 'version_gap'],
    ]);
  });
});
