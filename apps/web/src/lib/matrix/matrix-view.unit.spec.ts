import { emptyContent, type Element, type ModelContent, type Threat } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { matrixView, onlyGaps } from './matrix-view.js';

function element(id: string, name: string, kind: Element['kind'], zoneId: string): Element {
  return {
    id,
    name,
    kind,
    zoneId,
    description: '',
    technology: '',
    c4Level: 'container',
    tags: [],
  };
}

function threat(id: string, ref: number, fields: Partial<Threat>): Threat {
  return {
    id,
    ref,
    sourceRef: null,
    title: `Threat ${ref}`,
    description: '',
    stride: 'spoofing',
    linddun: null,
    target: null,
    assetIds: [],
    status: 'open',
    score: null,
    ...fields,
  };
}

/** A browser outside, a gateway and a database inside; the browser calls the gateway. */
function model(): ModelContent {
  const content = emptyContent();
  content.zones['internet'] = {
    id: 'internet',
    name: 'Internet',
    trust: 'untrusted',
    parentZoneId: null,
    description: '',
  };
  content.zones['cloud'] = {
    id: 'cloud',
    name: 'Cloud',
    trust: 'trusted',
    parentZoneId: null,
    description: '',
  };
  content.elements['browser'] = element('browser', 'Browser', 'external_entity', 'internet');
  content.elements['gateway'] = element('gateway', 'API gateway', 'process', 'cloud');
  content.elements['db'] = element('db', 'Database', 'data_store', 'cloud');
  content.flows['call'] = {
    id: 'call',
    name: 'API call',
    sourceId: 'browser',
    destinationId: 'gateway',
    bidirectional: false,
    data: '',
    protocol: 'HTTPS',
  };
  content.flows['query'] = {
    ...content.flows['call'],
    id: 'query',
    name: 'SQL query',
    sourceId: 'gateway',
    destinationId: 'db',
  };
  content.threats['t2'] = threat('t2', 2, {
    target: { kind: 'element', id: 'gateway' },
    stride: 'spoofing',
  });
  content.threats['t1'] = threat('t1', 1, {
    target: { kind: 'element', id: 'gateway' },
    stride: 'spoofing',
  });
  content.threats['t3'] = threat('t3', 3, {
    target: { kind: 'element', id: 'browser' },
    stride: 'tampering',
  });
  content.threats['t4'] = threat('t4', 4, { target: null });
  return content;
}

function rowOf(view: ReturnType<typeof matrixView>, id: string) {
  const row = view.groups.flatMap((group) => group.rows).find((candidate) => candidate.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

describe('matrixView', () => {
  it('lists the threats of each cell by ref, with their ids to link them', () => {
    const cell = rowOf(matrixView(model(), 'zone'), 'gateway').cells.spoofing;
    expect(cell).toEqual({
      kind: 'threats',
      isSuggested: true,
      threats: [
        { id: 't1', ref: 1, title: 'Threat 1' },
        { id: 't2', ref: 2, title: 'Threat 2' },
      ],
    });
  });

  it('calls a category that applies and has no threat a gap', () => {
    const gateway = rowOf(matrixView(model(), 'zone'), 'gateway');
    expect(gateway.cells.tampering).toEqual({ kind: 'gap' });
    // A process: all six apply, spoofing is covered.
    expect(gateway.gaps).toBe(5);
  });

  it('marks a category that does not apply, and still shows a threat recorded in one', () => {
    const browser = rowOf(matrixView(model(), 'zone'), 'browser');
    expect(browser.cells.information_disclosure).toEqual({ kind: 'not-applicable' });
    expect(browser.cells.tampering).toMatchObject({ kind: 'threats', isSuggested: false });
    expect(browser.gaps).toBe(2);
  });

  it('shows the reason of a “no threats” declaration instead of a gap', () => {
    const content = model();
    content.noThreats['element:db'] = {
      targetKind: 'element',
      targetId: 'db',
      reason: 'Holds only public reference data',
      declaredBy: 'ada@example.test',
      declaredAt: '2026-01-01T00:00:00Z',
    };
    const db = rowOf(matrixView(content, 'zone'), 'db');
    expect(db.cells.tampering).toEqual({
      kind: 'declared',
      reason: 'Holds only public reference data',
      declaredBy: 'ada@example.test',
    });
    expect(db.cells.spoofing).toEqual({ kind: 'not-applicable' });
    expect(db.gaps).toBe(0);
  });

  it('does not count an element excluded from scope as a gap', () => {
    const content = model();
    content.scopeExclusions['x'] = {
      id: 'x',
      text: 'Run by the browser vendor',
      elementIds: ['browser'],
    };
    const browser = rowOf(matrixView(content, 'zone'), 'browser');
    expect(browser.cells.spoofing).toEqual({
      kind: 'excluded',
      reason: 'Run by the browser vendor',
    });
    expect(browser.gaps).toBe(0);
  });

  it('counts gaps, rows with gaps and declarations for the summary', () => {
    const content = model();
    const before = matrixView(content, 'kind').summary;
    // browser 2 (S, R; T has a threat), gateway 5, db 4, call 5 (T, I, D + S, E: it enters a more trusted zone), query 3.
    expect(before).toEqual({ rows: 5, gaps: 19, rowsWithGaps: 5, declaredRows: 0, threats: 4 });
  });

  it('lists threats attached to nothing apart, by ref', () => {
    expect(matrixView(model(), 'zone').unassigned).toEqual([
      { id: 't4', ref: 4, title: 'Threat 4' },
    ]);
  });

  it('groups by zone by name, flows inside a zone with it and the others apart', () => {
    const groups = matrixView(model(), 'zone').groups;
    expect(groups.map((group) => [group.label, group.rows.map((row) => row.name)])).toEqual([
      ['Cloud (trust: trusted)', ['API gateway', 'Database', 'SQL query']],
      ['Internet (trust: untrusted)', ['Browser']],
      ['Data flows between zones', ['API call']],
    ]);
  });

  it('groups by kind: external entities, processes, data stores, then flows', () => {
    const groups = matrixView(model(), 'kind').groups;
    expect(groups.map((group) => group.label)).toEqual([
      'External entities',
      'Processes',
      'Data stores',
      'Data flows',
    ]);
    expect(rowOf(matrixView(model(), 'kind'), 'call').description).toBe(
      'Data flow crossing a trust boundary',
    );
  });

  it('keeps only rows with gaps when asked', () => {
    const content = model();
    for (const category of ['spoofing', 'repudiation'] as const) {
      content.threats[`b-${category}`] = threat(`b-${category}`, 10, {
        target: { kind: 'element', id: 'browser' },
        stride: category,
      });
    }
    const groups = onlyGaps(matrixView(content, 'zone').groups);
    expect(groups.map((group) => group.label)).not.toContain('Internet (trust: untrusted)');
  });
});
