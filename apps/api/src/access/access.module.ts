import { Global, Module } from '@nestjs/common';
import { REQUEST_SCOPE_RESOLVER } from './request-scope.resolver.js';
import { UnrestrictedScopeResolver } from './unrestricted-scope.resolver.js';

/**
 * Provides the RequestScopeResolver every GraphQL request goes through. An
 * authentication module plugs in by replacing `useClass` below with its own
 * resolver (and importing its module here).
 */
@Global()
@Module({
  providers: [{ provide: REQUEST_SCOPE_RESOLVER, useClass: UnrestrictedScopeResolver }],
  exports: [REQUEST_SCOPE_RESOLVER],
})
export class AccessModule {}
