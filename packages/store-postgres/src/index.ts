export {
  createPostgresStateStore,
  POSTGRES_MIGRATIONS,
  type PostgresStateStoreOptions,
} from './postgres-state-store';
