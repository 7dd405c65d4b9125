import { describe, expect, it } from 'vitest';
import { defaultRegisterQuery, type RegisterQuery } from './register-query.js';
import type { RegisterRow } from './register-rows.js';
import { filterRows, groupRows, registerView, sortRows, targetOptions } from './register-view.js';

function row(ref: number, fields: Partial<RegisterRow> = {}): RegisterRow {
  return {
    threatId: `t${ref}`,
    ref,
    title: `Threat ${ref}`,
    target: { kind: 'element', id: 'gateway', name: 'API gateway' },
    stride: 'spoofing',
    score: null,
    severity: null,
    strategies: [],
    owners: [],
    status: 'open',
    ...fields,
  };
}

const rows: RegisterRow[] = [
  row(1, { title: 'Stolen session token', severity: 'medium', score: 5.5, owners: ['Platform'] }),
  row(2, {
    title: 'Tampered upload',
    stride: 'tampering',
    severity: 'critical',
    score: 9.8,
    target: { kind: 'flow', id: 'upload', name: 'Upload' },
    status: 'in_progress',
  }),
  row(3, { title: 'Denied sign-in', stride: 'repudiation', status: 'mitigated', target: null }),
  row(4, {
    title: 'Leaked report',
    stride: 'information_disclosure',
    severity: 'high',
    score: 7.5,
    owners: ['Security'],
  }),
];

const refs = (list: readonly RegisterRow[]): number[] => list.map((candidate) => candidate.ref);

describe('sortRows', () => {
  it('sorts by severity, most severe first, unscored last', () => {
    expect(refs(sortRows(rows, 'severity', 'descending'))).toEqual([2, 4, 1, 3]);
  });

  it('keeps empty values last in either direction', () => {
    expect(refs(sortRows(rows, 'severity', 'ascending'))).toEqual([1, 4, 2, 3]);
    expect(refs(sortRows(rows, 'owner', 'descending'))).toEqual([4, 1, 2, 3]);
  });

  it('sorts categories in STRIDE order and statuses in workflow order', () => {
    expect(refs(sortRows(rows, 'stride', 'ascending'))).toEqual([1, 2, 3, 4]);
    expect(refs(sortRows(rows, 'status', 'descending'))).toEqual([3, 2, 1, 4]);
  });

  it('sorts text columns alphabetically and breaks ties by ref', () => {
    expect(refs(sortRows(rows, 'title', 'ascending'))).toEqual([3, 4, 1, 2]);
    expect(refs(sortRows(rows, 'target', 'ascending'))).toEqual([1, 4, 2, 3]);
  });

  it('does not change the rows it was given', () => {
    const copy = [...rows];
    sortRows(rows, 'ref', 'descending');
    expect(rows).toEqual(copy);
  });
});

describe('filterRows', () => {
  const query = (fields: Partial<RegisterQuery>): RegisterQuery => ({
    ...defaultRegisterQuery,
    ...fields,
  });

  it('filters by STRIDE category, status and target', () => {
    expect(refs(filterRows(rows, query({ stride: 'tampering' })))).toEqual([2]);
    expect(refs(filterRows(rows, query({ status: 'open' })))).toEqual([1, 4]);
    expect(refs(filterRows(rows, query({ target: 'flow:upload' })))).toEqual([2]);
    expect(refs(filterRows(rows, query({ target: 'none' })))).toEqual([3]);
  });

  it('filters by severity, and by unscored', () => {
    expect(refs(filterRows(rows, query({ severity: 'high' })))).toEqual([4]);
    expect(refs(filterRows(rows, query({ severity: 'unscored' })))).toEqual([3]);
  });

  it('matches text in the title, the target and the owners, ignoring case', () => {
    expect(refs(filterRows(rows, query({ text: 'TOKEN' })))).toEqual([1]);
    expect(refs(filterRows(rows, query({ text: 'upload' })))).toEqual([2]);
    expect(refs(filterRows(rows, query({ text: 'security' })))).toEqual([4]);
  });

  it('matches a ref written as a number or with #', () => {
    expect(refs(filterRows(rows, query({ text: '#3' })))).toEqual([3]);
    expect(refs(filterRows(rows, query({ text: ' 4 ' })))).toEqual([4]);
  });

  it('combines filters', () => {
    expect(refs(filterRows(rows, query({ stride: 'spoofing', text: 'leaked' })))).toEqual([]);
  });
});

describe('groupRows', () => {
  it('groups by target by name, threats without one last', () => {
    const groups = groupRows(rows, 'target');
    expect(groups.map((group) => [group.label, refs(group.rows)])).toEqual([
      ['API gateway', [1, 4]],
      ['Upload', [2]],
      ['Not attached to an element or flow', [3]],
    ]);
  });

  it('groups by severity, most severe first, unscored last', () => {
    expect(groupRows(rows, 'severity').map((group) => group.label)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Not scored',
    ]);
  });

  it('groups by category in STRIDE order and by status in workflow order', () => {
    expect(groupRows(rows, 'stride').map((group) => group.key)).toEqual([
      'spoofing',
      'tampering',
      'repudiation',
      'information_disclosure',
    ]);
    expect(groupRows(rows, 'status').map((group) => group.label)).toEqual([
      'Open',
      'In progress',
      'Mitigated',
    ]);
  });
});

describe('registerView', () => {
  it('gives one line per matching threat when not grouped', () => {
    const view = registerView(rows, {
      ...defaultRegisterQuery,
      sort: 'severity',
      direction: 'descending',
    });
    expect(view.matched).toBe(4);
    expect(view.lines.map((line) => (line.kind === 'row' ? line.row.ref : line.label))).toEqual([
      2, 4, 1, 3,
    ]);
  });

  it('heads each group with its count, and hides the threats of a collapsed group', () => {
    const view = registerView(
      rows,
      { ...defaultRegisterQuery, group: 'target' },
      new Set(['element:gateway']),
    );
    expect(view.matched).toBe(4);
    expect(
      view.lines.map((line) =>
        line.kind === 'group'
          ? `${line.label} (${line.count}, ${line.isExpanded ? 'open' : 'closed'})`
          : line.row.ref,
      ),
    ).toEqual([
      'API gateway (2, closed)',
      'Upload (1, open)',
      2,
      'Not attached to an element or flow (1, open)',
      3,
    ]);
  });

  it('counts only what the filters let through', () => {
    const view = registerView(rows, {
      ...defaultRegisterQuery,
      stride: 'spoofing',
      group: 'severity',
    });
    expect(view.matched).toBe(1);
    expect(view.lines).toHaveLength(2);
  });
});

describe('targetOptions', () => {
  it('lists each target once by name with its kind, and “not attached” last', () => {
    expect(targetOptions(rows)).toEqual([
      { key: 'element:gateway', label: 'API gateway (element)' },
      { key: 'flow:upload', label: 'Upload (data flow)' },
      { key: 'none', label: 'Not attached' },
    ]);
  });
});
