import type { ComplexityEstimator } from '@nestjs/graphql';

/** Default page size when `first` is omitted (pagination.ts uses the same). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Cost of a connection field: its children cost once per item of the page
 * asked for, so `first: 100` with a deep selection costs 100 times that selection.
 */
export const pageCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args['first'] === 'number' ? args['first'] : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(first, 1) * childComplexity;
};
