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
export {
  DataDirectoryLockedError,
  LOCK_FILE_NAME,
  lockDataDirectory,
  type DataDirectoryLock,
} from './database/data-directory-lock.js';
export { PREPARED_MARKER } from './database/prepared-statements.js';
export type { EventStoreTables, EventsTable } from './database/schema.js';
export type { SqlExecutor } from './database/sql-executor.js';
export { eventStoreMigrations } from './migrations/event-store-migrations.js';
export { MigrationFailed, migrateToLatest } from './migrations/migrate.js';
export {
  MerkleFrontier,
  consistencyProof,
  inclusionProof,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './ledger/merkle.js';
export {
  leafEncoding,
  leafHashOf,
  streamHeadEncoding,
  streamHeadLeaves,
  streamHeadsRoot,
  streamKey,
  type LedgerLeaf,
  type StreamHead,
} from './ledger/ledger-leaf.js';
export {
  CHECKPOINT_FORMAT,
  checkCheckpoint,
  checkpointSigningInput,
  keyFingerprint,
  parsePublicKey,
  parseSigningKey,
  rawPublicKey,
  signCheckpoint,
  type CheckpointBody,
  type CheckpointProblem,
  type SignedCheckpoint,
} from './ledger/checkpoint.js';
export { LedgerNotFound } from './ledger/ledger-errors.js';
export {
  readCheckpoints,
  readLatestCheckpoint,
  readCheckpointSealing,
  type StoredCheckpoint,
  type TransactionalDatabase,
} from './ledger/ledger-rows.js';
export { sealLedger, type SealOptions } from './ledger/seal-ledger.js';
export {
  verifyLedger,
  type CheckpointSummary,
  type EventFinding,
  type LedgerVerification,
  type LogFinding,
  type VerifyLedgerOptions,
} from './ledger/verify-ledger.js';
export {
  proveConsistency,
  proveStreams,
  type InclusionProof,
  type LedgerProofs,
  type StreamHeadProof,
} from './ledger/ledger-proofs.js';
export {
  loadOrCreateSigningKey,
  publicKeyPem,
  readPublicKeyFile,
  type SigningKey,
} from './ledger/key-file.js';
