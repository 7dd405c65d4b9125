import { describe, expect, it } from 'vitest';
import {
  allDecisions,
  apiFilterOf,
  csvFileName,
  isFiltered,
  knownParties,
} from './decision-log.js';

describe('the decision log page', () => {
  it('sends only the parts of the filter that narrow', () => {
    expect(apiFilterOf(allDecisions)).toEqual({});
    expect(isFiltered(allDecisions)).toBe(false);
    expect(apiFilterOf({ ...allDecisions, kind: 'acceptance' })).toEqual({ kinds: ['acceptance'] });
    expect(apiFilterOf({ ...allDecisions, threatId: 't1' })).toEqual({ threatId: 't1' });
    expect(apiFilterOf({ ...allDecisions, actor: 'u1', organisation: 'o1' })).toEqual({
      actor: 'u1',
      organisation: 'o1',
    });
    expect(isFiltered({ ...allDecisions, organisation: 'o1' })).toBe(true);
  });

  it('remembers every actor and organisation seen, so narrowing keeps the choices', () => {
    const first = knownParties({ actors: [], organisations: [] }, [
      { actor: 'bob', organisation: 'vendor' },
      { actor: 'alice', organisation: 'agency' },
    ]);
    expect(first).toEqual({ actors: ['alice', 'bob'], organisations: ['agency', 'vendor'] });
    expect(knownParties(first, [{ actor: 'alice', organisation: 'agency' }])).toEqual(first);
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
