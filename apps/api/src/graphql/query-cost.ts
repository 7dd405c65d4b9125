import { createRequire } from 'node:module';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';

// graphql-query-complexity's ESM build imports graphql's .mjs files, while Nest
// and mercurius load graphql's CommonJS build; two graphql instances refuse each
// other's schema objects. Loading its CommonJS build keeps one instance.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * Most fields and fragments the cost estimate walks in one operation (counted
 * through every fragment spread); above it the operation is refused without
 * finishing the estimate, with `extensions.limit: 'nodes'`.
 */
export const MAX_QUERY_NODES = 10_000;

/** The message graphql-query-complexity stops with when MAX_QUERY_NODES is reached. */
const NODE_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

/**
 * Estimates an operation's cost with graphql-query-complexity: fields declare
 * their own cost through `@Field({ complexity })` (list fields multiply their
 * children by the page size asked for), every other field costs 1.
 */
export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName === undefined ? {} : { operationName }),
      maxQueryNodes: MAX_QUERY_NODES,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    if (error instanceof Error && error.message === NODE_LIMIT_MESSAGE) {
      throw new GraphQLError(
        `Query exceeds the maximum of ${MAX_QUERY_NODES} fields and fragments (counted through every fragment spread)`,
        { extensions: { code: 'BAD_REQUEST', limit: 'nodes', maxNodes: MAX_QUERY_NODES } },
      );
    }
    throw error;
  }
}

/** Throws a BAD_REQUEST GraphQL error when the operation costs more than `maxCost`. */
export function assertQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maxCost: number,
): void {
  const cost = estimateQueryCost(schema, document, variables, operationName);
  if (cost > maxCost) {
    throw new GraphQLError(`Query cost ${cost} exceeds the maximum cost of ${maxCost}`, {
      extensions: { code: 'BAD_REQUEST', limit: 'cost', cost, maxCost },
    });
  }
}
