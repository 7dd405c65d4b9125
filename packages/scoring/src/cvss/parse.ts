import {
  type CvssMetricDefinition,
  type CvssVersion,
  cvssGrammar,
  cvssVersions,
} from './grammar.js';
import { CvssVectorError } from './vector-error.js';

/** A vector that follows the grammar of its version; `metrics` omits Not Defined ('X') values. */
export interface ParsedCvssVector {
  readonly version: CvssVersion;
  /** Metric abbreviation to value, in the specification's vector order. */
  readonly metrics: ReadonlyMap<string, string>;
}

// Built once: a bulk import parses thousands of vectors.
const definitionsByMetric = new Map(
  cvssVersions.map((version) => [
    version,
    new Map(cvssGrammar(version).map((definition) => [definition.metric, definition])),
  ]),
);

const baseDefinitions = new Map(
  cvssVersions.map((version) => [
    version,
    cvssGrammar(version).filter((definition) => definition.group === 'base'),
  ]),
);

const prefixExpected = cvssVersions.map((version) => `CVSS:${version}`).join(', ');

/**
 * Parses a CVSS 3.0, 3.1 or 4.0 vector string strictly: the prefix must name a
 * supported version, every base metric must be present exactly once, every
 * metric must belong to that version and carry one of its values. Metrics may
 * come in any order. Throws CvssVectorError naming the first offending metric.
 */
export function parseCvssVector(vector: string): ParsedCvssVector {
  const text = typeof vector === 'string' ? vector.trim() : '';
  if (text.length === 0) {
    throw new CvssVectorError(
      'empty',
      'vector',
      '',
      `a vector string starting with ${prefixExpected}`,
    );
  }
  const [prefix = '', ...components] = text.split('/');
  const version = parsePrefix(prefix);
  const grammar = cvssGrammar(version);
  const byMetric = definitionsByMetric.get(version) ?? new Map<string, CvssMetricDefinition>();
  const given = new Map<string, string>();

  for (const component of components) {
    const separator = component.indexOf(':');
    const metric = separator < 0 ? component : component.slice(0, separator);
    const value = separator < 0 ? '' : component.slice(separator + 1);
    if (separator <= 0 || value.length === 0) {
      throw new CvssVectorError(
        'malformed-component',
        'vector',
        component,
        'METRIC:VALUE components separated by /',
      );
    }
    const definition = byMetric.get(metric);
    if (definition === undefined) {
      throw new CvssVectorError(
        'unknown-metric',
        metric,
        value,
        `a CVSS:${version} metric (${grammar.map((d) => d.metric).join(', ')})`,
      );
    }
    if (given.has(metric)) {
      throw new CvssVectorError(
        'duplicate-metric',
        metric,
        value,
        `${metric} at most once (first given as '${given.get(metric) ?? ''}')`,
      );
    }
    if (!definition.values.includes(value)) {
      throw new CvssVectorError(
        'invalid-value',
        metric,
        value,
        `one of ${definition.values.join(', ')}`,
      );
    }
    given.set(metric, value);
  }

  const missing = (baseDefinitions.get(version) ?? []).find(
    (definition) => !given.has(definition.metric),
  );
  if (missing !== undefined) {
    throw new CvssVectorError('missing-metric', missing.metric, null, missing.values.join(', '));
  }
  return { version, metrics: inSpecificationOrder(grammar, given) };
}

/** Serialises a parsed vector in the specification's order, leaving out Not Defined metrics. */
export function formatCvssVector(parsed: ParsedCvssVector): string {
  const parts = [`CVSS:${parsed.version}`];
  for (const [metric, value] of parsed.metrics) parts.push(`${metric}:${value}`);
  return parts.join('/');
}

function parsePrefix(prefix: string): CvssVersion {
  if (!prefix.startsWith('CVSS:')) {
    throw new CvssVectorError(
      'bad-prefix',
      'prefix',
      prefix,
      `the vector to start with ${prefixExpected}`,
    );
  }
  const version = cvssVersions.find((candidate) => prefix === `CVSS:${candidate}`);
  if (version === undefined) {
    throw new CvssVectorError('unsupported-version', 'prefix', prefix, `one of ${prefixExpected}`);
  }
  return version;
}

function inSpecificationOrder(
  grammar: readonly CvssMetricDefinition[],
  given: ReadonlyMap<string, string>,
): Map<string, string> {
  const ordered = new Map<string, string>();
  for (const { metric } of grammar) {
    const value = given.get(metric);
    // 'X' means Not Defined, which scores exactly like leaving the metric out.
    if (value !== undefined && value !== 'X') ordered.set(metric, value);
  }
  return ordered;
}
