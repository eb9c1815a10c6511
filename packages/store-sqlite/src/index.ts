export {
  createSqliteStateStore,
  SQLITE_MIGRATIONS,
  type SqliteStateStoreOptions,
} from './sqlite-state-store';
