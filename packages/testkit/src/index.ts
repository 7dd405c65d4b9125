export { DEFAULT_TEST_DATABASE_URL, testDatabaseUrl, withDatabase } from './postgres-url.js';
export { isPostgresReachable, requirePostgres } from './postgres-availability.js';
export {
  createPostgresTestDatabase,
  runAdminStatement,
  type PostgresTestDatabase,
} from './postgres-test-database.js';
export { APP_GROUP_ROLE, createAppLoginRole, type AppLoginRole } from './app-login-role.js';
