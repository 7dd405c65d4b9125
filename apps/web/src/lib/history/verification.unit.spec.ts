import { describe, expect, it } from 'vitest';
import { coverageWords, verificationProblems, type ModelVerification } from './verification.js';

const intact: ModelVerification = {
  isIntact: true,
  verifiedAt: '2026-12-08T01:00:00.000Z',
  eventsChecked: 12,
  sealedEvents: 10,
  unsealedEvents: 2,
  checkpoint: { sealedAt: '2026-12-08T00:59:00.000Z', treeSize: 140, keyId: 'abc' },
  findings: [],
  logFindings: [],
  brokenLinks: [],
};

describe('the verification badge', () => {
  it('says what an intact verification covered', () => {
    expect(verificationProblems(intact)).toEqual([]);
    expect(coverageWords(intact)).toBe(
      '12 events checked: 10 against the signed checkpoint of 140 log entries, 2 newer than the last seal (hash chain only until the next one).',
    );
    expect(coverageWords({ ...intact, checkpoint: null, eventsChecked: 1 })).toBe(
      '1 event checked against their hash chain; the log has not been sealed yet.',
    );
  });

  it('names every finding, and broken links only when no finding names them', () => {
    const broken: ModelVerification = {
      ...intact,
      isIntact: false,
      findings: [{ kind: 'deleted', position: 42, detail: 'a sealed event is gone' }],
      logFindings: [{ kind: 'checkpoint_bad_signature', detail: 'the signature does not verify' }],
      brokenLinks: [{ streamVersion: 3, reason: 'hash mismatch' }],
    };
    expect(verificationProblems(broken)).toEqual([
      'checkpoint_bad_signature: the signature does not verify',
      'deleted at position 42: a sealed event is gone',
    ]);
    expect(verificationProblems({ ...broken, findings: [], logFindings: [] })).toEqual([
      'broken link at event 3: hash mismatch',
    ]);
  });
});
