export { EventStore, type EventStoreDatabase, type EventStoreOptions } from './event-store.js';
export type { AppendOptions } from './append/append-events.js';
export { EVENTS_CHANNEL } from './append/wake-up-notifier.js';
export type { ReadAllOptions } from './read/read-all.js';
export type { ReadStreamOptions } from './read/read-stream.js';
export type { SubscribeOptions, Subscription } from './subscribe/subscription.js';
export {
  checkpointOf,
  compareCheckpoints,
  type Checkpoint,
  type EventMetadata,
  type ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from './event.js';
export {
  Conflict,
  DuplicateEventId,
  EventStoreError,
  IllegalState,
  ValidationError,
  WrongExpectedVersion,
} from './errors.js';
export { canonicalJson } from './hashing/canonical-json.js';
export {
  GENESIS_HASH,
  canonicalEventEncoding,
  computeEventHash,
  type HashableEvent,
} from './hashing/event-hash.js';
export {
  ChainVerifier,
  verifyChain,
  type BrokenLink,
  type BrokenLinkReason,
  type VerifiableEvent,
  type VerificationReport,
} from './hashing/verify-chain.js';
export {
  DEFAULT_DATA_DIR,
  MEMORY_DATA_DIR,
  openDatabase,
  type Database,
  type DatabaseConfig,
  type Unlisten,
} from './database/open-database.js';
export { PREPARED_MARKER } from './database/prepared-statements.js';
export type { EventStoreTables, EventsTable } from './database/schema.js';
export type { SqlExecutor } from './database/sql-executor.js';
export { eventStoreMigrations } from './migrations/event-store-migrations.js';
export { MigrationFailed, migrateToLatest } from './migrations/migrate.js';
