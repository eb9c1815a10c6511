export { type Clock, createManualClock, systemClock } from './clock';
export {
  createConsoleLogger,
  createRedactingLogger,
  isSecretFieldName,
  type LogFields,
  type Logger,
  silentLogger,
} from './logger';
export { createMemoryStateStore } from './memory-state-store';
export {
  MAX_STATE_KEY_LENGTH,
  type Outbox,
  type OutboxClaim,
  type OutboxEntry,
  type OutboxState,
  type PutIfAbsentResult,
  type StateStore,
  type StoredEntry,
  type VersionedValue,
} from './state-store';
export {
  assertClaimOptions,
  assertIncrementStep,
  assertListLimit,
  assertStateKey,
  assertStateValue,
  compareStateKeys,
  keyPrefixEnd,
} from './state-store-rules';
export {
  countOutboxStates,
  createStoreCalls,
  type OutboxRow,
  outboxEntryFromRow,
  pendingMigrations,
  type StoreMigration,
  toStoreFailure,
} from './store-implementation';
