import {
  type LibraryMetric,
  type LibraryValue,
  type LibraryVector,
  libraryMetrics,
} from './library.js';

/** Resolves our metric abbreviations and values to the library's own objects, without its string lookups. */
export interface LibraryValues {
  readonly metric: (abbreviation: string) => LibraryMetric;
  readonly value: (abbreviation: string, value: string) => LibraryValue;
}

/**
 * Indexes the metrics a library vector class registers. The library finds a
 * metric by scanning every registered metric by name on each call; scoring
 * many vectors is cheaper with the objects looked up once.
 */
export function indexLibraryValues(prototype: LibraryVector): LibraryValues {
  const metrics = libraryMetrics(prototype);
  const values = new Map<string, ReadonlyMap<string, LibraryValue>>();
  for (const [abbreviation, metric] of metrics) {
    values.set(abbreviation, new Map(metric.values.map((value) => [value.shortName, value])));
  }
  return {
    metric(abbreviation) {
      const metric = metrics.get(abbreviation);
      if (metric === undefined) throw new Error(`the library has no metric ${abbreviation}`);
      return metric;
    },
    value(abbreviation, value) {
      const found = values.get(abbreviation)?.get(value);
      if (found === undefined) throw new Error(`the library has no value ${abbreviation}:${value}`);
      return found;
    },
  };
}
