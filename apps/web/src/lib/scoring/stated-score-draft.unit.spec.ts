import { describe, expect, it } from 'vitest';
import { readStatedScoreDraft, statedScoreDraftOf } from './stated-score-draft.js';

describe('readStatedScoreDraft', () => {
  it('reads nothing stated as null', () => {
    expect(readStatedScoreDraft({ scoreText: '  ', severity: '' })).toEqual({
      ok: true,
      stated: null,
    });
  });

  it('reads a figure with a point or a comma, with or without a severity', () => {
    expect(readStatedScoreDraft({ scoreText: '7.5', severity: '' })).toEqual({
      ok: true,
      stated: { score: 7.5, severity: null },
    });
    expect(readStatedScoreDraft({ scoreText: '6,1', severity: 'medium' })).toEqual({
      ok: true,
      stated: { score: 6.1, severity: 'medium' },
    });
  });

  it('reads a severity alone', () => {
    expect(readStatedScoreDraft({ scoreText: '', severity: 'critical' })).toEqual({
      ok: true,
      stated: { score: null, severity: 'critical' },
    });
  });

  it('refuses text that is not a number, quoting it', () => {
    expect(readStatedScoreDraft({ scoreText: 'high', severity: '' })).toEqual({
      ok: false,
      message: "'high' is not a number: write it like 7.5.",
    });
  });

  it('shows a recorded stated score as text', () => {
    expect(statedScoreDraftOf({ score: 8, severity: null })).toEqual({
      scoreText: '8',
      severity: '',
    });
    expect(statedScoreDraftOf(null)).toEqual({ scoreText: '', severity: '' });
  });
});
