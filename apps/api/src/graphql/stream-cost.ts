import type { ComplexityEstimator } from '@nestjs/graphql';
import { pageCost } from './page-cost.js';

/**
 * What fields that work from a model's stream cost (ADR 0011). The figures
 * are the worst case, a cache miss on a large model (2,000 elements, 10,000
 * events), in units of about 0.025 ms of event-loop time, so the default
 * GRAPHQL_MAX_COST (20,000) admits about 500 ms of such work in one request,
 * spread over chunks that each yield to the event loop. A warm cache makes a
 * second alias cheap, but the cost cannot know the cache and counts every
 * alias at the worst case.
 */
export const STREAM_COSTS = {
  /** Loading a model's state (catch-up fold from the cache or snapshot). */
  modelState: 100,
  /** The whole content of a model's state written out as JSON (a few MB for a large model). */
  modelContent: 2000,
  /** Closure checklist computed from the state. */
  checklist: 4000,
  /** STRIDE-per-element matrix computed from the state (one row per element and flow). */
  strideMatrix: 6000,
  /** Two states replayed to two positions (as stateAsOf), then compared. */
  modelDiff: 8000,
  /** Every event of the stream read and hashed again. */
  verifyModelHistory: 8000,
  modelHistoryProof: 8000,
  /** Every event of the stream read and folded to find the decisions. */
  decisionLog: 8000,
  /**
   * A state as of a past point of the stream: folded from the newest kept
   * milestone before it, or from the start when none is kept (the worst case).
   */
  stateAsOf: 4000,
} as const;

/** A field whose resolver does `work` (one of STREAM_COSTS) and returns its selection once. */
export function streamCost(work: keyof typeof STREAM_COSTS): ComplexityEstimator {
  return ({ childComplexity }) => STREAM_COSTS[work] + childComplexity;
}

/** A field doing `work` on a model's state, now or (with an `asOf` argument) replayed to a past point. */
export function withAsOfCost(work: keyof typeof STREAM_COSTS): ComplexityEstimator {
  return ({ args, childComplexity }) =>
    STREAM_COSTS[work] + (args['asOf'] ? STREAM_COSTS.stateAsOf : 0) + childComplexity;
}

/** A connection read from the model's state: the state load plus the page (pageCost). */
export const statePageCost: ComplexityEstimator = (options) =>
  STREAM_COSTS.modelState + (pageCost(options) ?? 0);
