// Per-macro-vector data of the CVSS 4.0 score, taken from the library once per
// macro-vector instead of on every score. The library's calculateOverallScore
// re-derives all of it for each vector: it re-parses every highest-severity
// vector from a string, looks up neighbour macro-vectors, and resolves each
// metric through a lookup that throws and catches an Error for E, CR, IR and AR.
import {
  type Cvss4MetricView,
  Cvss4P0,
  type EqLevel,
  type MacroVector,
  MacroVectorClass,
} from './library.js';
import { indexLibraryValues } from './library-values.js';

/**
 * The metrics the severity distance compares, in the order the library compares
 * them. SI and SA are compared under their base names: the library files their
 * distance under MSI/MSA only when the base SI/SA value is the modified-metric
 * "Safety" object, which a vector from our grammar can never hold.
 */
export const distanceMetrics = [
  'AV',
  'PR',
  'UI',
  'AC',
  'AT',
  'VC',
  'VI',
  'VA',
  'SC',
  'CR',
  'IR',
  'AR',
  'SI',
  'SA',
] as const;

/** One equivalence class's share of the interpolation: the library's EqOperations. */
export interface EqInterpolation {
  /** This macro-vector's lookup score minus its next-lower neighbour's (NaN when there is none). */
  readonly available: number;
  /** Depth of the class (the library skips a class whose depth is 0). */
  readonly depth: number;
  /** Indexes into distanceMetrics of the metrics whose distances this class sums. */
  readonly relevant: readonly number[];
}

/** What the score of any vector in one macro-vector needs besides the vector's own metric positions. */
export interface MacroVectorData {
  /** The macro-vector's score in the specification's lookup table. */
  readonly score: number;
  /** Per class, in the library's order (EQ1, EQ2, EQ4, EQ5, joint EQ3/EQ6). */
  readonly interpolation: readonly EqInterpolation[];
  /**
   * The highest-severity vectors of the macro-vector, in the library's
   * permutation order, each as the position of its value of every
   * distanceMetrics metric in the library's value list.
   */
  readonly highest: readonly (readonly number[])[];
}

const values4 = indexLibraryValues(new Cvss4P0());
const distanceIndex = (metric: string) =>
  distanceMetrics.indexOf(metric as (typeof distanceMetrics)[number]);

const positions = new Map<string, ReadonlyMap<string, number>>(
  distanceMetrics.map((metric) => [
    metric,
    new Map(values4.metric(metric).values.map((value, position) => [value.shortName, position])),
  ]),
);

/** Position of a value in the library's list for a distance metric, as severityDistanceBetweenComponents finds it. */
export function valuePosition(metric: string, shortName: string): number {
  const position = positions.get(metric)?.get(shortName);
  if (position === undefined) throw new Error(`the library has no value ${metric}:${shortName}`);
  return position;
}

/** The values the library compares for a vector, one per distanceMetrics metric. */
export function comparedPositions(view: Cvss4MetricView): number[] {
  return distanceMetrics.map((metric) =>
    valuePosition(metric, MacroVectorClass.getComparisonMetric(view, metric).shortName),
  );
}

const partPositions = new Map<string, ReadonlyMap<number, number>>();

/**
 * The compared positions of the metrics one highest-severity fragment (such as
 * "AV:N/PR:N/UI:N") names, parsed by the library once per fragment. The
 * library parses the joined fragments again for every score.
 */
function positionsOfPart(part: string): ReadonlyMap<number, number> {
  let positions = partPositions.get(part);
  if (positions === undefined) {
    const parsed = new Cvss4P0(part);
    positions = new Map(
      part
        .split('/')
        .map((component) => component.split(':')[0] ?? '')
        .filter((metric) => distanceIndex(metric) >= 0)
        .map((metric) => [
          distanceIndex(metric),
          valuePosition(metric, MacroVectorClass.getComparisonMetric(parsed, metric).shortName),
        ]),
    );
    partPositions.set(part, positions);
  }
  return positions;
}

/**
 * The compared positions of one highest-severity vector, joined from its
 * fragments. The fragments name disjoint metrics and a metric's compared value
 * depends only on that metric (these vectors set no modified metrics), so this
 * equals comparing the joined vector; a vector whose fragments leave a metric
 * unnamed is compared whole, as the library does.
 */
function positionsOfHighest(parts: readonly string[]): readonly number[] {
  const byPart = parts.map(positionsOfPart);
  const joined = distanceMetrics.map((_, i) => byPart.find((part) => part.has(i))?.get(i));
  if (joined.every((position) => position !== undefined)) return joined;
  return comparedPositions(new Cvss4P0(parts.join('/')));
}

function simpleClass(
  macroVector: MacroVector,
  eq: 1 | 2 | 4 | 5,
  relevant: readonly string[],
): { level: EqLevel; interpolation: EqInterpolation } {
  const level = macroVector.getEQ(eq);
  return {
    level,
    interpolation: {
      available:
        macroVector.getLookupTableScore() - macroVector.deriveNextLower(eq).getLookupTableScore(),
      depth: level.getVectorDepth(),
      relevant: relevant.map(distanceIndex),
    },
  };
}

// EQ3 and EQ6 are interpolated jointly: the library's EqOperations36 picks the
// neighbour(s) by the pair of levels and takes the higher score of two.
function jointClass(macroVector: MacroVector): EqInterpolation {
  const eq3 = macroVector.getEq3().getLevelAsInt();
  const eq6 = macroVector.getEq6().getLevelAsInt();
  const lower =
    (eq3 === 1 && eq6 === 1) || (eq3 === 0 && eq6 === 1)
      ? [macroVector.deriveNextLower(3)]
      : eq3 === 1 && eq6 === 0
        ? [macroVector.deriveNextLower(6)]
        : eq3 === 0 && eq6 === 0
          ? [macroVector.deriveNextLower(3), macroVector.deriveNextLower(6)]
          : [macroVector.deriveNextLower(3).deriveNextLower(6)];
  const first = lower[0]?.getLookupTableScore() ?? NaN;
  const second = lower[1]?.getLookupTableScore() ?? NaN;
  const next =
    Number.isNaN(first) || Number.isNaN(second)
      ? Number.isNaN(first)
        ? second
        : first
      : Math.max(first, second);
  return {
    available: macroVector.getLookupTableScore() - next,
    depth: macroVector.getJointEq3AndEq6().getVectorDepth(),
    relevant: ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'].map(distanceIndex),
  };
}

function cartesian(lists: readonly (readonly string[])[]): string[][] {
  let vectors: string[][] = [[]];
  for (const list of lists) {
    vectors = vectors.flatMap((prefix) => list.map((part) => [...prefix, part]));
  }
  return vectors;
}

function macroVectorData(macroVector: MacroVector): MacroVectorData {
  const eq1 = simpleClass(macroVector, 1, ['AV', 'PR', 'UI']);
  const eq2 = simpleClass(macroVector, 2, ['AC', 'AT']);
  const eq4 = simpleClass(macroVector, 4, ['SC', 'SI', 'SA']);
  const eq5 = simpleClass(macroVector, 5, []);
  const highestLists = [
    eq1.level,
    eq2.level,
    eq4.level,
    eq5.level,
    macroVector.getJointEq3AndEq6(),
  ].map((level) => level.getHighestSeverityVectorsUnparsed());
  // Same nesting order as the library's generateCvssPermutations, parsed by the library.
  const highest = cartesian(highestLists).map(positionsOfHighest);
  return {
    score: macroVector.getLookupTableScore(),
    interpolation: [
      eq1.interpolation,
      eq2.interpolation,
      eq4.interpolation,
      eq5.interpolation,
      jointClass(macroVector),
    ],
    highest,
  };
}

const byMacroVector = new Map<string, MacroVectorData>();

/** The macro-vector of a vector (the library's classification) and its data, computed once per macro-vector. */
export function macroVectorOf(view: Cvss4MetricView): MacroVectorData {
  const macroVector = MacroVectorClass.fromVector(view);
  // The joint EQ3/EQ6 level is part of the key: the library derives it separately.
  const key = `${macroVector.toString()}/${macroVector.getJointEq3AndEq6().getLevel()}`;
  let data = byMacroVector.get(key);
  if (data === undefined) {
    data = macroVectorData(macroVector);
    byMacroVector.set(key, data);
  }
  return data;
}
