import { describe, expect, it } from 'vitest';
import {
  defaultRegisterQuery,
  isFiltered,
  parseRegisterQuery,
  toggledSort,
  withoutFilters,
  writeRegisterQuery,
  type RegisterQuery,
} from './register-query.js';

describe('the register query in the URL', () => {
  it('reads an empty query string as the default register', () => {
    expect(parseRegisterQuery(new URLSearchParams())).toEqual(defaultRegisterQuery);
  });

  it('writes the default register as an empty query string', () => {
    expect(writeRegisterQuery(defaultRegisterQuery).toString()).toBe('');
  });

  it('round-trips filters, sort and grouping', () => {
    const query: RegisterQuery = {
      text: 'token replay',
      stride: 'spoofing',
      severity: 'high',
      status: 'in_progress',
      target: 'flow:login',
      sort: 'owner',
      direction: 'descending',
      group: 'target',
    };
    const written = writeRegisterQuery(query);
    expect(parseRegisterQuery(new URLSearchParams(written.toString()))).toEqual(query);
  });

  it('leaves out a direction that is the column’s own first direction', () => {
    const written = writeRegisterQuery({
      ...defaultRegisterQuery,
      sort: 'severity',
      direction: 'descending',
    });
    expect(written.toString()).toBe('sort=severity');
    expect(parseRegisterQuery(written)).toMatchObject({
      sort: 'severity',
      direction: 'descending',
    });
  });

  it('reads unscored as a severity filter', () => {
    expect(parseRegisterQuery(new URLSearchParams('severity=unscored')).severity).toBe('unscored');
  });

  it('ignores values it does not know instead of failing', () => {
    const query = parseRegisterQuery(
      new URLSearchParams('stride=x&severity=awful&status=done&sort=colour&group=mood&dir=up'),
    );
    expect(query).toEqual(defaultRegisterQuery);
  });

  it('keeps other parameters of the URL', () => {
    const written = writeRegisterQuery(
      { ...defaultRegisterQuery, stride: 'tampering' },
      new URLSearchParams('threat=t1'),
    );
    expect(written.get('threat')).toBe('t1');
    expect(written.get('stride')).toBe('tampering');
  });
});

describe('sorting by a column header', () => {
  it('sorts a new column in its first direction: severity most severe first', () => {
    expect(toggledSort(defaultRegisterQuery, 'severity')).toMatchObject({
      sort: 'severity',
      direction: 'descending',
    });
    expect(toggledSort(defaultRegisterQuery, 'title')).toMatchObject({
      sort: 'title',
      direction: 'ascending',
    });
  });

  it('reverses the direction when the same column is chosen again', () => {
    const once = toggledSort(defaultRegisterQuery, 'severity');
    expect(toggledSort(once, 'severity').direction).toBe('ascending');
  });
});

describe('filters', () => {
  it('tells whether anything narrows the register, and clears it keeping sort and grouping', () => {
    const query: RegisterQuery = {
      ...defaultRegisterQuery,
      text: 'x',
      group: 'status',
      sort: 'score',
      direction: 'descending',
    };
    expect(isFiltered(query)).toBe(true);
    expect(isFiltered({ ...defaultRegisterQuery, text: '   ' })).toBe(false);
    const cleared = withoutFilters(query);
    expect(isFiltered(cleared)).toBe(false);
    expect(cleared).toMatchObject({ group: 'status', sort: 'score', direction: 'descending' });
  });
});
