import { describe, expect, it } from 'vitest';
import { apiFilterOf, csvFileName } from './decision-log.js';

describe('the decision log page', () => {
  it('sends only the parts of the filter that narrow', () => {
    expect(apiFilterOf({ kind: '', threatId: '' })).toEqual({});
    expect(apiFilterOf({ kind: 'acceptance', threatId: '' })).toEqual({ kinds: ['acceptance'] });
    expect(apiFilterOf({ kind: '', threatId: 't1' })).toEqual({ threatId: 't1' });
  });

  it('names the export after the model and the day, safely', () => {
    const day = new Date('2026-12-07T23:00:00Z');
    expect(csvFileName('GenomeWell platform', day)).toBe(
      'genomewell-platform-decisions-2026-12-07.csv',
    );
    expect(csvFileName('../../etc/passwd', day)).toBe('etc-passwd-decisions-2026-12-07.csv');
    expect(csvFileName('  ', day)).toBe('model-decisions-2026-12-07.csv');
  });
});
