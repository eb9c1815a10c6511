/**
 * `@pickpost/core/store-kit`: what a StateStore package needs. `defineStateStore` applies the
 * port's argument checks, the closed-store check and the failure mapping once, so a store holds
 * only its storage code; the SQL helpers map outbox rows, order keys as the databases do and
 * check migrations.
 */
export type {
  AtomicWrite,
  Outbox,
  OutboxClaim,
  OutboxEntry,
  OutboxState,
  PutIfAbsentResult,
  StateStore,
  StoredEntry,
  VersionedValue,
} from '../ports/state-store';
export { MAX_STATE_KEY_LENGTH } from '../ports/state-store';
export {
  type DefineStateStoreOptions,
  defineStateStore,
  type StateStoreDriver,
} from './define-state-store';
export {
  countOutboxStates,
  type OutboxRow,
  outboxEntryFromRow,
  pendingMigrations,
  type StoreMigration,
  toStoreFailure,
} from './sql-store-helpers';
export { compareStateKeys, keyPrefixEnd } from './state-store-rules';
