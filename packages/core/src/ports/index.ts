export { type Clock, createManualClock, systemClock } from './clock';
export {
  createRedactingLogger,
  isSecretFieldName,
  type LogFields,
  type Logger,
  silentLogger,
} from './logger';
export { createMemoryStateStore } from './memory-state-store';
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
} from './state-store';
export { MAX_STATE_KEY_LENGTH } from './state-store';
