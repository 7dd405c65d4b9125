import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { DatabaseService } from './database.service.js';

/**
 * Opens the database (running migrations first) before any other provider is
 * built, and closes it on shutdown.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DatabaseService) private readonly database: DatabaseService) {}

  /** The module for one configuration; the opened service is shared app-wide. */
  static forRoot(config: AppConfig['database']): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DatabaseService, useFactory: () => DatabaseService.open(config) }],
      exports: [DatabaseService],
    };
  }

  /** Closes the pool or the embedded database after the HTTP server stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
