import { createRequire } from 'node:module';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';

// graphql-query-complexity's ESM build imports graphql's .mjs files, while Nest
// and mercurius load graphql's CommonJS build; two graphql instances refuse each
// other's schema objects. Loading its CommonJS build keeps one instance.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

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
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName === undefined ? {} : { operationName }),
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
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
