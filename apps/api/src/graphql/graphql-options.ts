import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  specifiedRules,
  type GraphQLSchema,
  validate,
  type DocumentNode,
} from 'graphql';
import type { CompilerOptions } from 'graphql-jit';
import type { RequestScope } from '../access/request-scope.js';
import type { RequestScopeResolver } from '../access/request-scope.resolver.js';
import type { AppConfig } from '../config/config.schema.js';
import { formatGraphQLErrors } from '../errors/graphql-error-formatter.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import { assertQueryCost } from './query-cost.js';
import { assertAcceptableLiterals, assertAcceptableVariables } from './argument-guard.js';
import { requireSessionUnlessPublic } from '../access/session-requirement.js';
import { withPlainFieldReads } from './plain-field-reads.js';
import { withSubscriptionErrorCodes } from './subscription-error-codes.js';
import { withoutSchemaSuggestions, withoutSuggestion } from './schema-suggestions.js';
import {
  rememberWebSocket,
  subscriptionConnectionGuard,
  type ServerWebSocket,
} from './subscription-connections.js';
import { requestIdFor } from '../logging/logger-options.js';

/** What every resolver finds in its GraphQL context. */
export interface GraphQLContext {
  scope: RequestScope;
  operationType?: string;
}

/** Most variable sets remembered per document. */
const PASSES_PER_DOCUMENT = 64;

/**
 * Operations known to be within the cost limit, per parsed document (Mercurius
 * hands the same DocumentNode to every request with the same query text) and
 * variable set. A cost is a pure function of schema, document and variables,
 * so a pass need not be re-estimated; an operation over the limit is estimated
 * (and refused) every time.
 */
class CostPasses {
  private readonly passes = new WeakMap<DocumentNode, Set<string>>();

  /** Whether this document with these variables already passed the cost check. */
  has(document: DocumentNode, variables: Record<string, unknown> | undefined): boolean {
    return this.passes.get(document)?.has(JSON.stringify(variables ?? {})) ?? false;
  }

  /** Remembers a pass. */
  add(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
    let known = this.passes.get(document);
    if (known === undefined || known.size >= PASSES_PER_DOCUMENT) {
      known = new Set();
      this.passes.set(document, known);
    }
    known.add(JSON.stringify(variables ?? {}));
  }
}

/** What the pre-execution checks learn from a parsed document alone. */
interface DocumentFacts {
  /** The operation's type for metrics (`unknown` when the document holds several). */
  readonly operationType: string;
  /** Whether the document's string literals passed assertAcceptableLiterals. */
  literalsAccepted: boolean;
}

/**
 * Facts of each parsed document (Mercurius hands the same DocumentNode to
 * every request with the same query text, and neither its operation nor its
 * literals change): the operation lookup and the literal walk run once per
 * document, not once per request. A document whose literals are refused is
 * never marked accepted, so it is refused every time.
 */
const documentFacts = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(document: DocumentNode): DocumentFacts {
  let facts = documentFacts.get(document);
  if (facts === undefined) {
    facts = {
      operationType: getOperationAST(document)?.operation ?? 'unknown',
      literalsAccepted: false,
    };
    documentFacts.set(document, facts);
  }
  return facts;
}

/**
 * Executions of one operation text that run in graphql-js; Mercurius compiles
 * it with graphql-jit at the next one and runs it compiled from then on.
 */
export const JIT_AFTER_EXECUTIONS = 10;

/**
 * What graphql-jit is told when it compiles an operation (Mercurius passes
 * `compilerOptions` on, though its types do not declare the option; the
 * dependency on graphql-jit, the version Mercurius uses, is for its types).
 *
 * Leaf serialisation is off: a compiled operation hands a built-in scalar
 * (String, Int, Float, Boolean, ID) or enum value out as the resolver
 * returned it, instead of putting each one through the type's `serialize`
 * (DateTime and JSON still go through theirs). The values already have their
 * GraphQL type where they come from (zod-checked inputs, typed read models,
 * int8 columns parsed to numbers; every enum value is its own name), while a
 * compiled leaf with a serialiser allocates its error location and path on
 * every call, found or not: a fifth of what the threat register page
 * allocates. `test/graphql-jit.int.spec.ts` asks every query root field both
 * ways and requires the same answers; ADR 0008 has the trade-off.
 */
export const JIT_COMPILER_OPTIONS = {
  disableLeafSerialization: true,
} as const satisfies Partial<CompilerOptions>;

/**
 * The Mercurius driver configuration: code-first schema (sorted, so the SDL
 * diff stays readable), the limits, error formatting, request scope, metrics
 * and graphql-ws subscriptions.
 */
export function graphqlOptions(
  config: AppConfig,
  scopes: RequestScopeResolver,
  metrics: MetricsService,
): MercuriusDriverConfig & { compilerOptions: typeof JIT_COMPILER_OPTIONS } {
  const limits = config.graphql;
  const costPasses = new CostPasses();
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    // Built in memory; schema.graphql is written by `schema:generate` and checked for drift by a test.
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: (schema) => withSubscriptionErrorCodes(withPlainFieldReads(schema)),
    // The IDE is served by GraphiqlModule from installed packages; mercurius' own page loads them from a CDN.
    graphiql: false,
    queryDepth: limits.maxDepth,
    // Operations seen often are compiled with graphql-jit: the threat register
    // page resolves thousands of fields per request, which the interpreter makes slow.
    jit: JIT_AFTER_EXECUTIONS,
    compilerOptions: JIT_COMPILER_OPTIONS,
    validationRules: limits.isIntrospectionEnabled ? [] : [NoSchemaIntrospectionCustomRule],
    // Without introspection, "Did you mean ...?" would still hand out schema names.
    errorFormatter: (limits.isIntrospectionEnabled
      ? formatGraphQLErrors
      : withoutSchemaSuggestions(
          formatGraphQLErrors,
        )) as unknown as MercuriusDriverConfig['errorFormatter'],
    context: async (request: FastifyRequest): Promise<GraphQLContext> => ({
      scope: await scopes.resolve(request, request.id),
    }),
    subscription: {
      context: async (
        socket: ServerWebSocket,
        request: FastifyRequest,
      ): Promise<GraphQLContext> => {
        rememberWebSocket(socket, request);
        return {
          scope: await scopes.resolve(request, requestIdFor(request.headers['x-request-id'])),
        };
      },
      onConnect: subscriptionConnectionGuard(config.allowedOrigins),
    },
    hooks: {
      preExecution: async (schema, document, context, variables) => {
        const facts = factsOf(document);
        const graphqlContext = context as unknown as GraphQLContext;
        graphqlContext.operationType = facts.operationType;
        requireSessionUnlessPublic(document, graphqlContext.scope.userId !== null);
        // Before anything serialises or walks the variables (the cost check does both).
        assertAcceptableVariables(variables);
        if (!facts.literalsAccepted) {
          assertAcceptableLiterals(document);
          facts.literalsAccepted = true;
        }
        if (!costPasses.has(document, variables)) {
          assertQueryCost(schema, document, variables, undefined, limits.maxCost);
          costPasses.add(document, variables);
        }
      },
      // Mercurius runs no validation on a graphql-ws subscription (only the depth
      // limit): the document is validated here as over HTTP, with the same rules and
      // the same literal guard, and no schema suggestions in production. (The hook is
      // not given the variables: they reach the subscription's resolver, which parses
      // them as any resolver does; one subscription is one root field, so no cost.)
      preSubscriptionExecution: async (schema: GraphQLSchema, document: DocumentNode) => {
        const errors = validate(schema, document, [
          ...specifiedRules,
          ...(limits.isIntrospectionEnabled ? [] : [NoSchemaIntrospectionCustomRule]),
        ]);
        const [first] = errors;
        if (first !== undefined) {
          throw new GraphQLError(
            limits.isIntrospectionEnabled ? first.message : withoutSuggestion(first.message),
            { extensions: { code: 'BAD_REQUEST', field: null } },
          );
        }
        assertAcceptableLiterals(document);
      },
      onResolution: async (execution, context) => {
        const operationType = (context as unknown as GraphQLContext).operationType ?? 'unknown';
        metrics.graphqlOperations.inc({
          operation_type: operationType,
          outcome: execution.errors?.length ? 'error' : 'ok',
        });
        const elapsedMs = context.reply?.elapsedTime;
        if (typeof elapsedMs === 'number') {
          metrics.graphqlOperationDuration.observe(
            { operation_type: operationType },
            elapsedMs / 1000,
          );
        }
      },
    },
  };
}
