import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AccessModule } from './access/access.module.js';
import {
  REQUEST_SCOPE_RESOLVER,
  type RequestScopeResolver,
} from './access/request-scope.resolver.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/config.schema.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { AppExceptionFilter } from './errors/app-exception.filter.js';
import { GraphiqlModule } from './graphiql/graphiql.module.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { HistoryModule } from './history/history.module.js';
import { HealthModule } from './health/health.module.js';
import { HomeModule } from './home/home.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MetricsService } from './metrics/metrics.service.js';
import { ModelModule } from './model/model.module.js';
import { ModelStateModule } from './model-state/model-state.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { WebAppModule } from './web-app/web-app.module.js';

/** The root module; one instance per configuration (tests boot several). */
@Module({})
export class AppModule {
  /** Wires every module for `config`. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.database),
        MetricsModule,
        TenancyModule,
        AccessModule,
        HomeModule,
        HealthModule,
        IdentityModule,
        ModelStateModule,
        LedgerModule,
        ModelModule,
        HistoryModule,
        ProjectionsModule,
        DemoModule,
        GraphiqlModule,
        WebAppModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [REQUEST_SCOPE_RESOLVER, MetricsService],
          useFactory: (scopes: RequestScopeResolver, metrics: MetricsService) =>
            graphqlOptions(config, scopes, metrics),
        }),
      ],
    };
  }
}
