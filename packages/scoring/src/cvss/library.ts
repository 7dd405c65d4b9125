// The only module that imports ae-cvss-calculator, so a library change stays
// behind the names exported here. The package is a CommonJS/UMD bundle: Node
// exposes its classes only on the default export, not as named ESM exports.
import calculator from 'ae-cvss-calculator';
import type { Cvss4P0MacroVector } from 'ae-cvss-calculator/dist/types/src/cvss4p0/Cvss4P0MacroVector.js';
import type { ICvss4P0 } from 'ae-cvss-calculator/dist/types/src/cvss4p0/ICvss4P0.js';

/** The library's vector classes, one per CVSS version we score. */
export const { Cvss3P0, Cvss3P1, Cvss4P0 } = calculator;

/** A library vector object of any version. */
export type LibraryVector = InstanceType<typeof Cvss3P0 | typeof Cvss3P1 | typeof Cvss4P0>;

/** One metric as the library models it (its values list is in the library's severity order). */
export type LibraryMetric = LibraryVector extends {
  getRegisteredComponents(): Map<unknown, (infer C)[]>;
}
  ? C
  : never;

/** One value of a metric; the library compares these by identity. */
export type LibraryValue = LibraryMetric['values'][number];

/** A read-only view of a 4.0 vector's metric values, which is all the macro-vector code reads. */
export type Cvss4MetricView = ICvss4P0;

/** The library's CVSS 4.0 macro-vector: equivalence classes, lookup scores, next-lower derivation. */
export type MacroVector = Cvss4P0MacroVector;

/** A CVSS 4.0 equivalence-class level (EQ1..EQ6, joint EQ3/EQ6). */
export type EqLevel = ReturnType<MacroVector['getEq1']>;

// The macro-vector class is not re-exported by the package index, but every
// Cvss4P0 hands out instances of it; its statics (fromVector, getComparisonMetric)
// are the library's CVSS 4.0 classification and "effective metric" rules.
const anyFullVector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H';

/** The library's Cvss4P0MacroVector class, with its static classification functions. */
export const MacroVectorClass = new Cvss4P0(anyFullVector).getMacroVector()
  .constructor as typeof Cvss4P0MacroVector;

/** Every metric the library registers for a version, by abbreviation (first registration wins, as in its own lookup). */
export function libraryMetrics(vector: LibraryVector): ReadonlyMap<string, LibraryMetric> {
  const metrics = new Map<string, LibraryMetric>();
  for (const group of vector.getRegisteredComponents().values()) {
    for (const metric of group)
      if (!metrics.has(metric.shortName)) metrics.set(metric.shortName, metric);
  }
  return metrics;
}
