import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config.schema.js';
import { APP_CONFIG } from './config.tokens.js';

/** Makes the configuration, read once at start, injectable everywhere as APP_CONFIG. */
@Global()
@Module({})
export class ConfigModule {
  /** Provides `config` under APP_CONFIG. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
