import { type SeverityBand, defaultSeverityBands, severityFor } from '../bands/severity-bands.js';
import { ScoringValidationError } from '../errors.js';
import { type Severity, severityOrder } from '../severity.js';

/** The risk of a set of threats (a model, or a system's models) in one rankable figure plus its make-up. */
export interface AggregateRisk {
  /** Sum of each threat's risk points: a 10.0 threat is 1000 points, each point less halves it. */
  riskPoints: number;
  /** The highest single score. */
  peakScore: number;
  threatCount: number;
  /** How many threats fall in each severity. */
  bySeverity: Record<Severity, number>;
  /** Severity of the peak score: the worst single risk. */
  severity: Severity;
}

/**
 * Risk points of one score: 0 for no risk, else 1000 x 2^(score - 10), rounded
 * to a whole point. A critical 9.0 is 500, a high 7.0 is 125, a medium 5.0 is
 * 31, a low 2.0 is 4, so one critical outweighs a handful of mediums but not
 * an unbounded number of them. Whole points keep sums exact in any order.
 */
export function riskPoints(score: number): number {
  assertScore(score, 'score');
  return score === 0 ? 0 : Math.round(1000 * 2 ** (score - 10));
}

/**
 * Aggregates threat scores (0-10, normally residual) of one model. Order does
 * not matter, and adding a threat or raising a score never lowers riskPoints
 * or peakScore.
 */
export function aggregateRisk(
  scores: readonly number[],
  bands: readonly SeverityBand[] = defaultSeverityBands,
): AggregateRisk {
  if (!Array.isArray(scores))
    throw new ScoringValidationError('scores', 'a list of scores from 0.0 to 10.0');
  const bySeverity = emptyCounts();
  let points = 0;
  let peakScore = 0;
  scores.forEach((score, index) => {
    assertScore(score, `scores[${index}]`);
    points += riskPoints(score);
    peakScore = Math.max(peakScore, score);
    bySeverity[severityFor(score, bands)] += 1;
  });
  return {
    riskPoints: points,
    peakScore,
    threatCount: scores.length,
    bySeverity,
    severity: severityFor(peakScore, bands),
  };
}

/**
 * Aggregates the aggregates of a system's models; equal to aggregating all
 * their threats at once, so a system ranks the same however it is split.
 */
export function aggregateSystemRisk(
  models: readonly AggregateRisk[],
  bands: readonly SeverityBand[] = defaultSeverityBands,
): AggregateRisk {
  const bySeverity = emptyCounts();
  let points = 0;
  let peakScore = 0;
  let threatCount = 0;
  for (const model of models) {
    points += model.riskPoints;
    peakScore = Math.max(peakScore, model.peakScore);
    threatCount += model.threatCount;
    for (const severity of severityOrder) bySeverity[severity] += model.bySeverity[severity];
  }
  return {
    riskPoints: points,
    peakScore,
    threatCount,
    bySeverity,
    severity: severityFor(peakScore, bands),
  };
}

/** Sort comparator, riskiest first: by risk points, then peak score, then number of threats. */
export function compareAggregateRisk(a: AggregateRisk, b: AggregateRisk): number {
  return b.riskPoints - a.riskPoints || b.peakScore - a.peakScore || b.threatCount - a.threatCount;
}

/** Ranks items (systems, models) riskiest first without reordering the input. */
export function rankByRisk<T>(items: readonly T[], riskOf: (item: T) => AggregateRisk): T[] {
  return [...items].sort((a, b) => compareAggregateRisk(riskOf(a), riskOf(b)));
}

function emptyCounts(): Record<Severity, number> {
  return { none: 0, low: 0, medium: 0, high: 0, critical: 0 };
}

function assertScore(score: number, field: string): void {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new ScoringValidationError(field, 'a score from 0.0 to 10.0');
  }
}
