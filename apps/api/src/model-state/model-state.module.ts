import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ModelStateCache } from './model-state-cache.js';
import { ModelStateStore } from './model-state.store.js';
import { ModelViewCache } from './model-view-cache.js';

/**
 * The per-model state cache and the views cached on it (ADR 0011): one
 * instance each for the whole server, shared by the model read-model
 * projection, the computed views and the model content queries.
 */
@Global()
@Module({
  providers: [
    {
      provide: ModelStateCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ModelStateCache(config.modelState.cacheSize),
    },
    { provide: ModelViewCache, useFactory: () => new ModelViewCache() },
    ModelStateStore,
  ],
  exports: [ModelStateCache, ModelViewCache, ModelStateStore],
})
export class ModelStateModule {}
