import type { CvssMetricGroup } from './grammar.js';
import { cvssGrammar } from './grammar.js';
import { type Cvss4MetricView, Cvss4P0, type LibraryValue, MacroVectorClass } from './library.js';
import { indexLibraryValues } from './library-values.js';
import { distanceMetrics, macroVectorOf, valuePosition } from './cvss40-macro-vectors.js';
import type { ParsedCvssVector } from './parse.js';
import type { CalculatedScores } from './scores.js';

const values4 = indexLibraryValues(new Cvss4P0());
const grammar4 = cvssGrammar('4.0');
const slotOf = new Map(grammar4.map(({ metric }, slot) => [metric, slot]));
const notDefined: readonly LibraryValue[] = grammar4.map(({ metric }) =>
  values4.value(metric, 'X'),
);
// What the view answers for a name the library has no metric for. The library
// asks for such names only when it tries a modified form of a metric that has
// none (ME, MCR, MIR, MAR) inside a try/catch that then keeps the unmodified
// value; answering "Not Defined" leads to the same value without the cost of
// constructing and throwing an Error each time.
const noSuchMetric: LibraryValue = {
  shortName: 'X',
  name: 'Not Defined',
  description: 'no such metric',
};

/** A vector's metrics, as the library's CVSS 4.0 macro-vector code reads them: one library value per grammar slot. */
class MetricView implements Cvss4MetricView {
  constructor(private readonly slots: readonly LibraryValue[]) {}

  getComponentByString(name: string): LibraryValue {
    const slot = slotOf.get(name);
    return (slot === undefined ? undefined : this.slots[slot]) ?? noSuchMetric;
  }
}

/** The view of only the metrics of `groups`, every other metric Not Defined. */
function restrictedTo(
  slots: readonly LibraryValue[],
  groups: ReadonlySet<CvssMetricGroup>,
): MetricView {
  return new MetricView(
    slots.map((value, slot) => {
      const group = grammar4[slot]?.group;
      return group !== undefined && groups.has(group) ? value : (notDefined[slot] ?? value);
    }),
  );
}

// The score depends only on the values the library compares (each metric after
// its modified form, and the worst-case defaults for E, CR, IR and AR, are
// applied) plus E, which selects the EQ5 level. Keyed on those, distinct vector
// strings that an environment maps to the same effective vector share a score.
const effectiveMetrics = [...distanceMetrics, 'E'] as const;
const impactMetrics = ['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].map((metric) =>
  effectiveMetrics.indexOf(metric as (typeof effectiveMetrics)[number]),
);
const cacheLimit = 50_000;
const cache = new Map<string, number>();

// The library's rounding: one decimal after a 1e-6 nudge against binary fractions.
const roundingEpsilon = Math.pow(10, -6);
const roundToOneDecimal = (value: number) => Math.round(10 * (value + roundingEpsilon)) / 10;

function score(view: MetricView): number {
  const compared: string[] = [];
  for (const metric of effectiveMetrics) {
    compared.push(MacroVectorClass.getComparisonMetric(view, metric).shortName);
  }
  const key = compared.join('/');
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = interpolate(view, compared);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, value);
  return value;
}

// The library's calculateOverallScore over precomputed macro-vector data: the
// macro-vector's lookup score, lowered by the mean over equivalence classes of
// (summed severity distance / class depth) x (score gap to the next-lower
// macro-vector). Distances are taken to the first highest-severity vector that
// the vector does not exceed in any metric.
function interpolate(view: MetricView, compared: readonly string[]): number {
  if (impactMetrics.every((i) => compared[i] === 'N')) return 0;
  const data = macroVectorOf(view);
  if (data.highest.length === 0) return 0;
  const own: number[] = [];
  for (let i = 0; i < distanceMetrics.length; i++) {
    own.push(valuePosition(distanceMetrics[i] ?? '', compared[i] ?? ''));
  }
  const chosen = data.highest.find((highest) => {
    for (let i = 0; i < own.length; i++) if ((own[i] ?? 0) < (highest[i] ?? 0)) return false;
    return true;
  });
  let sum = 0;
  let count = 0;
  for (const { available, depth, relevant } of data.interpolation) {
    let distance = 0;
    // With no highest-severity vector below the vector, the library takes every distance as 0.
    if (chosen !== undefined) {
      for (const i of relevant) distance += (own[i] ?? 0) - (chosen[i] ?? 0);
    }
    if (!Number.isNaN(available) && depth !== 0) {
      sum += (distance / depth) * available;
      count++;
    }
  }
  const value = data.score - (count === 0 ? 0 : sum / count);
  return value < 0 ? 0 : value > 10 ? 10 : roundToOneDecimal(value);
}

const baseOnly: ReadonlySet<CvssMetricGroup> = new Set(['base']);
const baseAndThreat: ReadonlySet<CvssMetricGroup> = new Set(['base', 'threat']);

/**
 * Scores a CVSS 4.0 vector: CVSS-B, CVSS-BT and CVSS-BE/BTE are the one 4.0
 * formula applied to the base, base + threat, and all scored metrics
 * (supplemental metrics never change a score, so they are left out).
 */
export function calculate4(parsed: ParsedCvssVector): CalculatedScores {
  let hasThreat = false;
  let hasEnvironmental = false;
  const slots = [...notDefined];
  for (const [metric, value] of parsed.metrics) {
    const slot = slotOf.get(metric);
    const group = slot === undefined ? undefined : grammar4[slot]?.group;
    if (slot === undefined || group === 'supplemental') continue;
    if (group === 'threat') hasThreat = true;
    if (group === 'environmental') hasEnvironmental = true;
    slots[slot] = values4.value(metric, value);
  }
  const all = score(new MetricView(slots));
  return {
    base: hasThreat || hasEnvironmental ? score(restrictedTo(slots, baseOnly)) : all,
    temporal: undefined,
    threat: hasThreat
      ? hasEnvironmental
        ? score(restrictedTo(slots, baseAndThreat))
        : all
      : undefined,
    environmental: hasEnvironmental ? all : undefined,
  };
}
