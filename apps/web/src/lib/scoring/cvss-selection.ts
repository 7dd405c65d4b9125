import {
  CvssVectorError,
  cvssGrammar,
  formatCvssVector,
  parseCvssVector,
  type CvssVersion,
} from '@threatloom/scoring';

/**
 * The metric values a person has picked for one CVSS version, by abbreviation.
 * A metric that is absent (or 'X') is not chosen: a base metric still to pick,
 * or an optional metric left Not Defined.
 */
export interface CvssSelection {
  readonly version: CvssVersion;
  readonly metrics: Readonly<Record<string, string>>;
}

/** A selection with nothing picked yet. */
export function emptyCvssSelection(version: CvssVersion): CvssSelection {
  return { version, metrics: {} };
}

/** The selection with one metric set to a value ('X' clears an optional metric). */
export function selectCvssMetric(
  selection: CvssSelection,
  metric: string,
  value: string,
): CvssSelection {
  const metrics = { ...selection.metrics };
  if (value === 'X') delete metrics[metric];
  else metrics[metric] = value;
  return { version: selection.version, metrics };
}

/** The value a metric shows: what was picked, 'X' for an optional metric left undefined, else null. */
export function selectedCvssValue(selection: CvssSelection, metric: string): string | null {
  const picked = selection.metrics[metric];
  if (picked !== undefined) return picked;
  const definition = cvssGrammar(selection.version).find((entry) => entry.metric === metric);
  return definition !== undefined && definition.group !== 'base' ? 'X' : null;
}

/** Base metrics of the selection's version not picked yet, in vector order. */
export function missingBaseMetrics(selection: CvssSelection): string[] {
  return cvssGrammar(selection.version)
    .filter((definition) => definition.group === 'base')
    .filter((definition) => !definition.values.includes(selection.metrics[definition.metric] ?? ''))
    .map((definition) => definition.metric);
}

/**
 * The vector string of a selection in the specification's order, leaving out
 * Not Defined metrics (the scoring package's normal form); null while a base
 * metric is missing. Values outside the grammar are ignored.
 */
export function vectorFromSelection(selection: CvssSelection): string | null {
  if (missingBaseMetrics(selection).length > 0) return null;
  const metrics = new Map<string, string>();
  for (const definition of cvssGrammar(selection.version)) {
    const value = selection.metrics[definition.metric];
    if (value !== undefined && value !== 'X' && definition.values.includes(value)) {
      metrics.set(definition.metric, value);
    }
  }
  return formatCvssVector({ version: selection.version, metrics });
}

/** Outcome of reading a pasted vector: the selection it fills in, or what is wrong with it. */
export type CvssVectorReading =
  { ok: true; selection: CvssSelection } | { ok: false; error: CvssVectorError };

/** Reads a vector string into a selection with the scoring package's strict parser. */
export function selectionFromVector(vector: string): CvssVectorReading {
  try {
    const parsed = parseCvssVector(vector);
    return {
      ok: true,
      selection: { version: parsed.version, metrics: Object.fromEntries(parsed.metrics) },
    };
  } catch (error) {
    if (error instanceof CvssVectorError) return { ok: false, error };
    throw error;
  }
}
