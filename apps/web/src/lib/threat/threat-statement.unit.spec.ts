import { MAX_NAME_LENGTH } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import {
  emptyStatement,
  isCompleteStatement,
  threatStatement,
  titleOfStatement,
} from './threat-statement.js';

describe('threatStatement', () => {
  it('writes the whole grammar as one sentence', () => {
    expect(
      threatStatement({
        source: 'external actor',
        prerequisites: 'with a stolen partner OAuth token',
        action: 'download raw genomic data from object storage',
        impact: 'disclosure of patients’ genomes',
        assets: ['Raw genomic data', 'Consent records'],
      }),
    ).toBe(
      'An external actor with a stolen partner OAuth token can download raw genomic data from object storage, which leads to disclosure of patients’ genomes, negatively impacting Raw genomic data and Consent records.',
    );
  });

  it('adds "with" to bare prerequisites and keeps an article the user wrote', () => {
    expect(
      threatStatement({
        ...emptyStatement,
        source: 'the sequencing lab',
        prerequisites: 'network access',
        action: 'replay uploads',
      }),
    ).toBe('The sequencing lab with network access can replay uploads.');
  });

  it('shows placeholders for a missing source or action, and leaves other empty parts out', () => {
    expect(threatStatement(emptyStatement)).toBe('A [threat source] can [do something].');
  });

  it('does not double the grammar words a user typed', () => {
    expect(
      threatStatement({
        ...emptyStatement,
        source: 'insider',
        action: 'can alter logs.',
        impact: 'leads to lost evidence',
      }),
    ).toBe('An insider can alter logs, which leads to lost evidence.');
  });

  it('joins three assets with commas and "and"', () => {
    expect(
      threatStatement({ ...emptyStatement, source: 'x', action: 'y', assets: ['a', 'b', 'c'] }),
    ).toBe('A x can y, negatively impacting a, b and c.');
  });
});

describe('isCompleteStatement', () => {
  it('needs a source and an action', () => {
    expect(isCompleteStatement({ ...emptyStatement, source: 'x' })).toBe(false);
    expect(isCompleteStatement({ ...emptyStatement, source: 'x', action: '  ' })).toBe(false);
    expect(isCompleteStatement({ ...emptyStatement, source: 'x', action: 'y' })).toBe(true);
  });
});

describe('titleOfStatement', () => {
  it('is the action, capitalised, within the domain’s name limit', () => {
    expect(titleOfStatement({ ...emptyStatement, action: 'replay uploads' })).toBe(
      'Replay uploads',
    );
    expect(titleOfStatement({ ...emptyStatement, action: 'x'.repeat(500) }).length).toBe(
      MAX_NAME_LENGTH,
    );
    expect(titleOfStatement(emptyStatement)).toBe('New threat');
  });
});
