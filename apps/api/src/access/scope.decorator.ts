import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestScope } from './request-scope.js';

/** Resolver parameter decorator: the RequestScope the GraphQL context built for this request. */
export const Scope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestScope => {
    const graphqlContext = GqlExecutionContext.create(context).getContext<{
      scope?: RequestScope;
    }>();
    if (graphqlContext.scope === undefined) {
      throw new Error('GraphQL context has no request scope; is the context factory installed?');
    }
    return graphqlContext.scope;
  },
);
