import { cvssGrammar, type CvssMetricGroup, type CvssVersion } from '@threatloom/scoring';

/** One value a metric can take, with the name the specification gives it. */
export interface CvssValueOption {
  /** The abbreviation used in the vector string ('N', 'X', 'Amber'). */
  readonly value: string;
  readonly name: string;
}

/** One metric of a CVSS version as a person picks it: names, group and values in order. */
export interface CvssMetricEntry {
  /** The abbreviation used in the vector string ('AV'). */
  readonly metric: string;
  /** The specification's full name ('Attack Vector'). */
  readonly name: string;
  /** One sentence on what the metric measures. */
  readonly description: string;
  readonly group: CvssMetricGroup;
  /** Base metrics must all be chosen before a vector scores; the others default to Not Defined. */
  readonly isMandatory: boolean;
  /** Allowed values in the specification's order; optional metrics start with Not Defined (X). */
  readonly values: readonly CvssValueOption[];
}

/** A heading for a run of metrics of one group, in the order the vector lists them. */
export interface CvssMetricSection {
  readonly id: string;
  readonly title: string;
  readonly group: CvssMetricGroup;
  /** Whether the metrics may stay Not Defined. */
  readonly isOptional: boolean;
  /** A short note shown under the heading, when the group needs one. */
  readonly note: string | null;
  readonly metrics: readonly CvssMetricEntry[];
}

interface MetricText {
  readonly name: string;
  readonly description: string;
  readonly values: Readonly<Record<string, string>>;
}

const notDefined = 'Not Defined';
const highLowNone = { H: 'High', L: 'Low', N: 'None' } as const;
const requirement = { X: notDefined, H: 'High', M: 'Medium', L: 'Low' } as const;

// Names from the FIRST CVSS v3.1 specification, section 2-4 and table 15.
const cvss3Base: Record<string, MetricText> = {
  AV: {
    name: 'Attack Vector',
    description: 'How remote an attacker can be to exploit the vulnerability.',
    values: { N: 'Network', A: 'Adjacent Network', L: 'Local', P: 'Physical' },
  },
  AC: {
    name: 'Attack Complexity',
    description: 'Conditions beyond the attacker’s control that must exist for an exploit.',
    values: { L: 'Low', H: 'High' },
  },
  PR: {
    name: 'Privileges Required',
    description: 'The level of privileges an attacker must have before the exploit.',
    values: { N: 'None', L: 'Low', H: 'High' },
  },
  UI: {
    name: 'User Interaction',
    description: 'Whether a user other than the attacker must take part.',
    values: { N: 'None', R: 'Required' },
  },
  S: {
    name: 'Scope',
    description: 'Whether the exploit affects resources beyond the vulnerable component.',
    values: { U: 'Unchanged', C: 'Changed' },
  },
  C: {
    name: 'Confidentiality Impact',
    description: 'Loss of confidentiality of the information the impacted component manages.',
    values: highLowNone,
  },
  I: {
    name: 'Integrity Impact',
    description: 'Loss of trustworthiness and veracity of information.',
    values: highLowNone,
  },
  A: {
    name: 'Availability Impact',
    description: 'Loss of availability of the impacted component.',
    values: highLowNone,
  },
};

const cvss3Labels: Record<string, MetricText> = {
  ...cvss3Base,
  E: {
    name: 'Exploit Code Maturity',
    description: 'How far exploit techniques or code have progressed.',
    values: {
      X: notDefined,
      H: 'High',
      F: 'Functional',
      P: 'Proof-of-Concept',
      U: 'Unproven',
    },
  },
  RL: {
    name: 'Remediation Level',
    description: 'What fix or workaround is available.',
    values: {
      X: notDefined,
      U: 'Unavailable',
      W: 'Workaround',
      T: 'Temporary Fix',
      O: 'Official Fix',
    },
  },
  RC: {
    name: 'Report Confidence',
    description: 'How confident we are that the vulnerability exists as described.',
    values: { X: notDefined, C: 'Confirmed', R: 'Reasonable', U: 'Unknown' },
  },
  CR: {
    name: 'Confidentiality Requirement',
    description: 'How much confidentiality matters for this system.',
    values: requirement,
  },
  IR: {
    name: 'Integrity Requirement',
    description: 'How much integrity matters for this system.',
    values: requirement,
  },
  AR: {
    name: 'Availability Requirement',
    description: 'How much availability matters for this system.',
    values: requirement,
  },
  ...modified(cvss3Base, ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A']),
};

// Names from the FIRST CVSS v4.0 specification, sections 2-5 and table 23.
const cvss4Base: Record<string, MetricText> = {
  AV: {
    name: 'Attack Vector',
    description: 'How remote an attacker can be to exploit the vulnerability.',
    values: { N: 'Network', A: 'Adjacent', L: 'Local', P: 'Physical' },
  },
  AC: {
    name: 'Attack Complexity',
    description: 'Security measures the attacker must evade or circumvent.',
    values: { L: 'Low', H: 'High' },
  },
  AT: {
    name: 'Attack Requirements',
    description: 'Deployment or execution conditions the attack depends on.',
    values: { N: 'None', P: 'Present' },
  },
  PR: {
    name: 'Privileges Required',
    description: 'The level of privileges an attacker must have before the exploit.',
    values: { N: 'None', L: 'Low', H: 'High' },
  },
  UI: {
    name: 'User Interaction',
    description: 'Whether, and how actively, a human user other than the attacker must take part.',
    values: { N: 'None', P: 'Passive', A: 'Active' },
  },
  VC: {
    name: 'Confidentiality Impact to the Vulnerable System',
    description: 'Loss of confidentiality of the data the vulnerable system manages.',
    values: highLowNone,
  },
  VI: {
    name: 'Integrity Impact to the Vulnerable System',
    description: 'Loss of integrity of the vulnerable system’s information.',
    values: highLowNone,
  },
  VA: {
    name: 'Availability Impact to the Vulnerable System',
    description: 'Loss of availability of the vulnerable system.',
    values: highLowNone,
  },
  SC: {
    name: 'Confidentiality Impact to the Subsequent System',
    description: 'Loss of confidentiality in systems beyond the vulnerable one.',
    values: highLowNone,
  },
  SI: {
    name: 'Integrity Impact to the Subsequent System',
    description: 'Loss of integrity in systems beyond the vulnerable one.',
    values: highLowNone,
  },
  SA: {
    name: 'Availability Impact to the Subsequent System',
    description: 'Loss of availability of systems beyond the vulnerable one.',
    values: highLowNone,
  },
};

const withSafety = { S: 'Safety', H: 'High', L: 'Low', N: 'None' } as const;

const cvss4Labels: Record<string, MetricText> = {
  ...cvss4Base,
  E: {
    name: 'Exploit Maturity',
    description: 'How likely the vulnerability is to be attacked, from what is known of exploits.',
    values: { X: notDefined, A: 'Attacked', P: 'POC', U: 'Unreported' },
  },
  CR: {
    name: 'Confidentiality Requirements',
    description: 'How much confidentiality matters for this system.',
    values: requirement,
  },
  IR: {
    name: 'Integrity Requirements',
    description: 'How much integrity matters for this system.',
    values: requirement,
  },
  AR: {
    name: 'Availability Requirements',
    description: 'How much availability matters for this system.',
    values: requirement,
  },
  ...modified(cvss4Base, ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC']),
  MSI: {
    name: 'Modified Integrity Impact to the Subsequent System',
    description:
      'Integrity impact to subsequent systems in this environment; Safety when it can hurt people.',
    values: { X: notDefined, ...withSafety },
  },
  MSA: {
    name: 'Modified Availability Impact to the Subsequent System',
    description:
      'Availability impact to subsequent systems in this environment; Safety when it can hurt people.',
    values: { X: notDefined, ...withSafety },
  },
  S: {
    name: 'Safety',
    description: 'Whether exploiting it can cause injury (IEC 61508 categories).',
    values: { X: notDefined, N: 'Negligible', P: 'Present' },
  },
  AU: {
    name: 'Automatable',
    description: 'Whether an attacker can automate the kill chain across many targets.',
    values: { X: notDefined, N: 'No', Y: 'Yes' },
  },
  R: {
    name: 'Recovery',
    description: 'How well the system recovers services after an attack.',
    values: { X: notDefined, A: 'Automatic', U: 'User', I: 'Irrecoverable' },
  },
  V: {
    name: 'Value Density',
    description: 'The resources an attacker controls with a single exploit.',
    values: { X: notDefined, D: 'Diffuse', C: 'Concentrated' },
  },
  RE: {
    name: 'Vulnerability Response Effort',
    description: 'How hard it is for consumers to respond to the vulnerability.',
    values: { X: notDefined, L: 'Low', M: 'Moderate', H: 'High' },
  },
  U: {
    name: 'Provider Urgency',
    description: 'The urgency the provider assigns to the vulnerability.',
    values: { X: notDefined, Clear: 'Clear', Green: 'Green', Amber: 'Amber', Red: 'Red' },
  },
};

/** Environmental metrics that restate a base metric for this environment (MAV, MC, ...). */
function modified(
  base: Record<string, MetricText>,
  metrics: readonly string[],
): Record<string, MetricText> {
  return Object.fromEntries(
    metrics.map((metric) => {
      const text = base[metric];
      if (text === undefined) throw new Error(`no base metric ${metric} to modify`);
      return [
        `M${metric}`,
        {
          name: `Modified ${text.name}`,
          description: `${text.name} as it applies in this environment.`,
          values: { X: notDefined, ...text.values },
        },
      ];
    }),
  );
}

function build(version: CvssVersion): readonly CvssMetricEntry[] {
  const labels = version === '4.0' ? cvss4Labels : cvss3Labels;
  return Object.freeze(
    cvssGrammar(version).map((definition) => {
      const text = labels[definition.metric];
      return Object.freeze({
        metric: definition.metric,
        // The grammar is the authority on what exists; a missing text falls back to the abbreviation.
        name: text?.name ?? definition.metric,
        description: text?.description ?? '',
        group: definition.group,
        isMandatory: definition.group === 'base',
        values: Object.freeze(
          definition.values.map((value) =>
            Object.freeze({ value, name: text?.values[value] ?? value }),
          ),
        ),
      });
    }),
  );
}

const catalogues = new Map<CvssVersion, readonly CvssMetricEntry[]>(
  (['3.0', '3.1', '4.0'] as const).map((version) => [version, build(version)]),
);

/** Every metric of a CVSS version with its names, in the specification's vector order. */
export function cvssMetricCatalogue(version: CvssVersion): readonly CvssMetricEntry[] {
  return catalogues.get(version) ?? [];
}

/** One metric of a version by its abbreviation, or undefined when the version has no such metric. */
export function cvssMetricEntry(version: CvssVersion, metric: string): CvssMetricEntry | undefined {
  return cvssMetricCatalogue(version).find((entry) => entry.metric === metric);
}

interface SectionSpec {
  readonly id: string;
  readonly title: string;
  readonly group: CvssMetricGroup;
  readonly note?: string;
  /** Restricts the section to these metrics; all of the group when absent. */
  readonly metrics?: readonly string[];
}

const cvss3Sections: readonly SectionSpec[] = [
  { id: 'base', title: 'Base metrics', group: 'base' },
  {
    id: 'temporal',
    title: 'Temporal metrics',
    group: 'temporal',
    note: 'Optional: how the risk stands today (exploits, fixes, confidence).',
  },
  {
    id: 'environmental',
    title: 'Environmental metrics',
    group: 'environmental',
    note: 'Optional: adjust the score to this system and what matters in it.',
  },
];

const cvss4Sections: readonly SectionSpec[] = [
  {
    id: 'exploitability',
    title: 'Exploitability',
    group: 'base',
    metrics: ['AV', 'AC', 'AT', 'PR', 'UI'],
  },
  {
    id: 'vulnerable-system',
    title: 'Vulnerable system impact',
    group: 'base',
    metrics: ['VC', 'VI', 'VA'],
  },
  {
    id: 'subsequent-system',
    title: 'Subsequent system impact',
    group: 'base',
    metrics: ['SC', 'SI', 'SA'],
  },
  {
    id: 'threat',
    title: 'Threat metrics',
    group: 'threat',
    note: 'Optional: what is known of attacks and exploits.',
  },
  {
    id: 'environmental',
    title: 'Environmental metrics',
    group: 'environmental',
    note: 'Optional: adjust the score to this system and what matters in it.',
  },
  {
    id: 'supplemental',
    title: 'Supplemental metrics',
    group: 'supplemental',
    note: 'Optional: extra context recorded in the vector; they do not change the score.',
  },
];

/** The metrics of a version grouped the way the specification presents them. */
export function cvssMetricSections(version: CvssVersion): readonly CvssMetricSection[] {
  const catalogue = cvssMetricCatalogue(version);
  const specs = version === '4.0' ? cvss4Sections : cvss3Sections;
  return specs.map((spec) => ({
    id: spec.id,
    title: spec.title,
    group: spec.group,
    isOptional: spec.group !== 'base',
    note: spec.note ?? null,
    metrics: catalogue.filter(
      (entry) =>
        entry.group === spec.group &&
        (spec.metrics === undefined || spec.metrics.includes(entry.metric)),
    ),
  }));
}

/** "Attack Vector (AV)": how a metric is named wherever one is mentioned on its own. */
export function cvssMetricTitle(entry: CvssMetricEntry): string {
  return `${entry.name} (${entry.metric})`;
}
