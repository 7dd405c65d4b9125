export { createApp } from './app.factory.js';
export { AppModule } from './app.module.js';
export { ConfigError, loadConfig, type AppConfig } from './config/config.schema.js';
export { DatabaseService, allMigrations } from './database/database.service.js';
export type { TransactionScope } from './database/transaction-scope.js';
export type { ApiTables } from './database/database-schema.js';
export type { Permission, RequestScope } from './access/request-scope.js';
export {
  REQUEST_SCOPE_RESOLVER,
  type RequestScopeResolver,
} from './access/request-scope.resolver.js';
export { ProjectionRunner } from './projections/projection-runner.js';
export type { Projection } from './projections/projection.js';
