import { cvssVersions, type CvssVectorError, type CvssVersion } from '@threatloom/scoring';
import { cvssMetricEntry, cvssMetricTitle, type CvssValueOption } from './cvss-metric-catalogue.js';

const versionList = listOf(cvssVersions.map((version) => `CVSS:${version}`));

function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

function choices(values: readonly CvssValueOption[]): string {
  return listOf(values.map((option) => `${option.value} (${option.name})`));
}

/** The version a vector's prefix names, when it names one this package scores. */
function versionOf(vector: string): CvssVersion | undefined {
  const prefix = vector.trim().split('/')[0] ?? '';
  return cvssVersions.find((version) => prefix === `CVSS:${version}`);
}

/**
 * A sentence telling a person what is wrong with the vector they pasted, naming
 * the metric by its full name and listing what it may be instead.
 */
export function describeCvssVectorError(error: CvssVectorError, vector: string): string {
  const version = versionOf(vector);
  const entry = version === undefined ? undefined : cvssMetricEntry(version, error.field);
  const metric = entry === undefined ? error.field : cvssMetricTitle(entry);
  switch (error.problem) {
    case 'empty':
      return `Paste a vector string starting with ${versionList}, for example CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.`;
    case 'bad-prefix':
      return `A vector starts with ${versionList}; this one starts with '${error.value ?? ''}'.`;
    case 'unsupported-version':
      return `'${error.value ?? ''}' is not a version Threatloom scores: use ${versionList}.`;
    case 'malformed-component':
      return `'${error.value ?? ''}' is not a METRIC:VALUE pair; separate metrics with a slash, as in AV:N/AC:L.`;
    case 'unknown-metric':
      return `'${error.field}' is not a ${version === undefined ? 'CVSS' : `CVSS ${version}`} metric (found '${error.field}:${error.value ?? ''}').`;
    case 'invalid-value':
      return entry === undefined
        ? `${metric} cannot be '${error.value ?? ''}': expected ${error.expected}.`
        : `${metric} cannot be '${error.value ?? ''}': choose ${choices(entry.values)}.`;
    case 'duplicate-metric':
      return `${metric} is given more than once (again as '${error.value ?? ''}'); give each metric once.`;
    case 'missing-metric':
      return entry === undefined
        ? `${metric} is missing: every base metric is required.`
        : `${metric} is missing: every base metric is required (${choices(entry.values)}).`;
  }
}
