import { cvssGrammar, scoreCvss } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import {
  emptyCvssSelection,
  missingBaseMetrics,
  selectCvssMetric,
  selectedCvssValue,
  selectionFromVector,
  vectorFromSelection,
  type CvssSelection,
} from './cvss-selection.js';

const critical31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const critical40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function selected(vector: string): CvssSelection {
  const reading = selectionFromVector(vector);
  if (!reading.ok) throw new Error(reading.error.message);
  return reading.selection;
}

describe('building a vector metric by metric', () => {
  it('has no vector until every base metric is chosen, and names those still missing', () => {
    let selection = emptyCvssSelection('3.1');
    expect(missingBaseMetrics(selection)).toEqual(['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A']);
    for (const [metric, value] of [
      ['AV', 'N'],
      ['AC', 'L'],
      ['PR', 'N'],
      ['UI', 'N'],
      ['S', 'U'],
      ['C', 'H'],
      ['I', 'H'],
    ] as const) {
      selection = selectCvssMetric(selection, metric, value);
      expect(vectorFromSelection(selection)).toBeNull();
    }
    expect(missingBaseMetrics(selection)).toEqual(['A']);
    selection = selectCvssMetric(selection, 'A', 'H');
    expect(missingBaseMetrics(selection)).toEqual([]);
    expect(vectorFromSelection(selection)).toBe(critical31);
  });

  it('writes metrics in the specification order whatever order they were picked in', () => {
    let selection = emptyCvssSelection('4.0');
    const picks = critical40.split('/').slice(1).reverse();
    for (const pick of picks) {
      const [metric = '', value = ''] = pick.split(':');
      selection = selectCvssMetric(selection, metric, value);
    }
    expect(vectorFromSelection(selection)).toBe(critical40);
  });

  it('adds an optional metric when picked and drops it again when set back to Not Defined', () => {
    const withExploit = selectCvssMetric(selected(critical31), 'E', 'P');
    expect(vectorFromSelection(withExploit)).toBe(`${critical31}/E:P`);
    expect(selectedCvssValue(withExploit, 'E')).toBe('P');
    const cleared = selectCvssMetric(withExploit, 'E', 'X');
    expect(vectorFromSelection(cleared)).toBe(critical31);
    expect(selectedCvssValue(cleared, 'E')).toBe('X');
  });

  it('shows an unpicked base metric as having no value, not Not Defined', () => {
    expect(selectedCvssValue(emptyCvssSelection('4.0'), 'AT')).toBeNull();
    expect(selectedCvssValue(emptyCvssSelection('4.0'), 'E')).toBe('X');
  });

  it('does not count a value outside the grammar as chosen', () => {
    const selection = selectCvssMetric(selected(critical31), 'AV', 'Q');
    expect(missingBaseMetrics(selection)).toEqual(['AV']);
    expect(vectorFromSelection(selection)).toBeNull();
  });

  it('scores the vector it builds exactly as the scoring package scores the same vector pasted', () => {
    const selection = selectCvssMetric(
      selectCvssMetric(selected(critical40), 'E', 'U'),
      'MSI',
      'S',
    );
    const vector = vectorFromSelection(selection);
    expect(vector).toBe(`${critical40}/E:U/MSI:S`);
    expect(scoreCvss(vector ?? '').overallScore).toBe(
      scoreCvss('CVSS:4.0/MSI:S/E:U/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')
        .overallScore,
    );
  });
});

describe('every metric value round-trips through a vector', () => {
  for (const [version, base] of [
    ['3.0', critical31.replace('3.1', '3.0')],
    ['3.1', critical31],
    ['4.0', critical40],
  ] as const) {
    it(`keeps each value of each CVSS ${version} metric through build -> parse -> build`, () => {
      for (const definition of cvssGrammar(version)) {
        for (const value of definition.values) {
          const selection = selectCvssMetric(selected(base), definition.metric, value);
          const vector = vectorFromSelection(selection);
          if (vector === null) throw new Error(`no vector for ${definition.metric}:${value}`);
          const again = selected(vector);
          expect(selectedCvssValue(again, definition.metric)).toBe(value);
          expect(vectorFromSelection(again)).toBe(vector);
          expect(scoreCvss(vector).vector).toBe(vector);
        }
      }
    });
  }
});

describe('selectionFromVector', () => {
  it('fills in the metrics of a pasted vector, in any order, and reads its version', () => {
    const selection = selected('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:X');
    expect(selection.version).toBe('3.1');
    expect(selection.metrics).toEqual({
      AV: 'N',
      AC: 'L',
      PR: 'N',
      UI: 'N',
      S: 'U',
      C: 'H',
      I: 'H',
      A: 'H',
    });
  });

  it('reports what is wrong with a bad vector, naming the metric', () => {
    const reading = selectionFromVector('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.error).toMatchObject({ problem: 'invalid-value', field: 'AV', value: 'Q' });
  });
});
