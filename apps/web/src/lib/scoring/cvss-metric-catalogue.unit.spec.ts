import { cvssGrammar, cvssVersions } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import {
  cvssMetricCatalogue,
  cvssMetricEntry,
  cvssMetricSections,
  cvssMetricTitle,
} from './cvss-metric-catalogue.js';

describe('cvssMetricCatalogue', () => {
  it.each(cvssVersions)('lists every metric of CVSS %s in the grammar order', (version) => {
    expect(cvssMetricCatalogue(version).map((entry) => entry.metric)).toEqual(
      cvssGrammar(version).map((definition) => definition.metric),
    );
  });

  it.each(cvssVersions)(
    'gives every metric of CVSS %s its full name and a description',
    (version) => {
      for (const entry of cvssMetricCatalogue(version)) {
        expect(entry.name, entry.metric).not.toBe(entry.metric);
        expect(entry.description, entry.metric).not.toBe('');
      }
    },
  );

  it.each(cvssVersions)('names every value of every CVSS %s metric', (version) => {
    for (const entry of cvssMetricCatalogue(version)) {
      const definition = cvssGrammar(version).find(
        (candidate) => candidate.metric === entry.metric,
      );
      expect(entry.values.map((option) => option.value)).toEqual(definition?.values);
      for (const option of entry.values) {
        // One-letter abbreviations stand for a word; Provider Urgency's values are words already.
        if (option.value.length === 1)
          expect(option.name, `${entry.metric}:${option.value}`).not.toBe(option.value);
      }
    }
  });

  it('marks only base metrics as mandatory, and offers Not Defined first for the others', () => {
    for (const version of cvssVersions) {
      for (const entry of cvssMetricCatalogue(version)) {
        expect(entry.isMandatory).toBe(entry.group === 'base');
        if (!entry.isMandatory)
          expect(entry.values[0]).toEqual({ value: 'X', name: 'Not Defined' });
      }
    }
  });

  it('uses the names of each version where they differ', () => {
    expect(cvssMetricEntry('3.1', 'S')?.name).toBe('Scope');
    expect(cvssMetricEntry('4.0', 'S')?.name).toBe('Safety');
    expect(cvssMetricEntry('3.1', 'AV')?.values.find((option) => option.value === 'A')?.name).toBe(
      'Adjacent Network',
    );
    expect(cvssMetricEntry('4.0', 'UI')?.values.map((option) => option.name)).toEqual([
      'None',
      'Passive',
      'Active',
    ]);
    expect(cvssMetricEntry('4.0', 'MSI')?.values.map((option) => option.name)).toContain('Safety');
    expect(cvssMetricEntry('3.1', 'AT')).toBeUndefined();
  });

  it('titles a metric by its name and abbreviation', () => {
    const entry = cvssMetricEntry('3.1', 'PR');
    expect(entry && cvssMetricTitle(entry)).toBe('Privileges Required (PR)');
  });
});

describe('cvssMetricSections', () => {
  it.each(cvssVersions)('places every CVSS %s metric in exactly one section', (version) => {
    const placed = cvssMetricSections(version).flatMap((section) =>
      section.metrics.map((entry) => entry.metric),
    );
    expect([...placed].sort()).toEqual(
      cvssGrammar(version)
        .map((d) => d.metric)
        .sort(),
    );
  });

  it('splits the CVSS 4.0 base metrics as the specification does', () => {
    const sections = cvssMetricSections('4.0');
    expect(
      sections.slice(0, 3).map((section) => section.metrics.map((entry) => entry.metric)),
    ).toEqual([
      ['AV', 'AC', 'AT', 'PR', 'UI'],
      ['VC', 'VI', 'VA'],
      ['SC', 'SI', 'SA'],
    ]);
    expect(sections.map((section) => section.isOptional)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
