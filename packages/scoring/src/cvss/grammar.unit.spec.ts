import calculator from 'ae-cvss-calculator';
import { describe, expect, it } from 'vitest';
import { type CvssVersion, cvssGrammar } from './grammar.js';

// Our grammar is transcribed from the specifications; the calculator carries its
// own metric tables. If the two drift apart (a library upgrade, a typo here),
// vectors we accept could be scored wrongly, so the tables are compared.
function libraryMetrics(version: CvssVersion): Map<string, string[]> {
  const vector =
    version === '4.0'
      ? new calculator.Cvss4P0()
      : version === '3.0'
        ? new calculator.Cvss3P0()
        : new calculator.Cvss3P1();
  const metrics = new Map<string, string[]>();
  for (const components of vector.getRegisteredComponents().values()) {
    for (const component of components) {
      // The library offers 'S' (Safety) on SC for its editor but marks it hidden: the specification does not allow it.
      const values = component.values
        .filter((value) => value.hide !== true)
        .map((value) => value.shortName);
      metrics.set(component.shortName, values.sort());
    }
  }
  return metrics;
}

describe('CVSS grammar', () => {
  it.each(['3.0', '3.1', '4.0'] as const)(
    'knows the same metrics and values as the calculator for CVSS %s',
    (version) => {
      const ours = new Map(
        cvssGrammar(version).map(({ metric, group, values }) => [
          metric,
          // The library lets every metric be 'X'; the specification makes base metrics mandatory.
          (group === 'base' ? ['X', ...values] : [...values]).sort(),
        ]),
      );
      expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(libraryMetrics(version)));
    },
  );

  it('lists the base metrics first, as the specification orders vectors', () => {
    for (const version of ['3.1', '4.0'] as const) {
      const groups = cvssGrammar(version).map((definition) => definition.group);
      expect(groups.lastIndexOf('base')).toBeLessThan(
        groups.findIndex((group) => group !== 'base'),
      );
    }
  });
});
