/** A CVSS specification version this package scores. */
export type CvssVersion = '3.0' | '3.1' | '4.0';

/** The metric group a metric belongs to; only base metrics are mandatory. */
export type CvssMetricGroup = 'base' | 'temporal' | 'threat' | 'environmental' | 'supplemental';

/** One metric of a vector grammar: its abbreviation, group and allowed values. */
export interface CvssMetricDefinition {
  readonly metric: string;
  readonly group: CvssMetricGroup;
  /** Allowed values in the specification's order; optional metrics list 'X' (Not Defined) first. */
  readonly values: readonly string[];
}

/** Every version this package accepts, in the order error messages list them. */
export const cvssVersions: readonly CvssVersion[] = ['3.0', '3.1', '4.0'];

const optional = (
  metric: string,
  group: CvssMetricGroup,
  values: readonly string[],
): CvssMetricDefinition => ({
  metric,
  group,
  values: ['X', ...values],
});
const base = (metric: string, values: readonly string[]): CvssMetricDefinition => ({
  metric,
  group: 'base',
  values,
});

// Metric tables transcribed from the FIRST specification documents (3.1 table 15,
// 4.0 table 23). 3.0 and 3.1 share one grammar; only their formulas differ. The
// order here is the specification's preferred vector order, which is also the
// order of the normalised vector string.
const cvss3Grammar: readonly CvssMetricDefinition[] = [
  base('AV', ['N', 'A', 'L', 'P']),
  base('AC', ['L', 'H']),
  base('PR', ['N', 'L', 'H']),
  base('UI', ['N', 'R']),
  base('S', ['U', 'C']),
  base('C', ['H', 'L', 'N']),
  base('I', ['H', 'L', 'N']),
  base('A', ['H', 'L', 'N']),
  optional('E', 'temporal', ['H', 'F', 'P', 'U']),
  optional('RL', 'temporal', ['U', 'W', 'T', 'O']),
  optional('RC', 'temporal', ['C', 'R', 'U']),
  optional('CR', 'environmental', ['H', 'M', 'L']),
  optional('IR', 'environmental', ['H', 'M', 'L']),
  optional('AR', 'environmental', ['H', 'M', 'L']),
  optional('MAV', 'environmental', ['N', 'A', 'L', 'P']),
  optional('MAC', 'environmental', ['L', 'H']),
  optional('MPR', 'environmental', ['N', 'L', 'H']),
  optional('MUI', 'environmental', ['N', 'R']),
  optional('MS', 'environmental', ['U', 'C']),
  optional('MC', 'environmental', ['H', 'L', 'N']),
  optional('MI', 'environmental', ['H', 'L', 'N']),
  optional('MA', 'environmental', ['H', 'L', 'N']),
];

const cvss4Grammar: readonly CvssMetricDefinition[] = [
  base('AV', ['N', 'A', 'L', 'P']),
  base('AC', ['L', 'H']),
  base('AT', ['N', 'P']),
  base('PR', ['N', 'L', 'H']),
  base('UI', ['N', 'P', 'A']),
  base('VC', ['H', 'L', 'N']),
  base('VI', ['H', 'L', 'N']),
  base('VA', ['H', 'L', 'N']),
  base('SC', ['H', 'L', 'N']),
  base('SI', ['H', 'L', 'N']),
  base('SA', ['H', 'L', 'N']),
  optional('E', 'threat', ['A', 'P', 'U']),
  optional('CR', 'environmental', ['H', 'M', 'L']),
  optional('IR', 'environmental', ['H', 'M', 'L']),
  optional('AR', 'environmental', ['H', 'M', 'L']),
  optional('MAV', 'environmental', ['N', 'A', 'L', 'P']),
  optional('MAC', 'environmental', ['L', 'H']),
  optional('MAT', 'environmental', ['N', 'P']),
  optional('MPR', 'environmental', ['N', 'L', 'H']),
  optional('MUI', 'environmental', ['N', 'P', 'A']),
  optional('MVC', 'environmental', ['H', 'L', 'N']),
  optional('MVI', 'environmental', ['H', 'L', 'N']),
  optional('MVA', 'environmental', ['H', 'L', 'N']),
  optional('MSC', 'environmental', ['H', 'L', 'N']),
  optional('MSI', 'environmental', ['S', 'H', 'L', 'N']),
  optional('MSA', 'environmental', ['S', 'H', 'L', 'N']),
  optional('S', 'supplemental', ['N', 'P']),
  optional('AU', 'supplemental', ['N', 'Y']),
  optional('R', 'supplemental', ['A', 'U', 'I']),
  optional('V', 'supplemental', ['D', 'C']),
  optional('RE', 'supplemental', ['L', 'M', 'H']),
  optional('U', 'supplemental', ['Clear', 'Green', 'Amber', 'Red']),
];

/** The metric grammar of a CVSS version, in the specification's vector order. */
export function cvssGrammar(version: CvssVersion): readonly CvssMetricDefinition[] {
  return version === '4.0' ? cvss4Grammar : cvss3Grammar;
}
