import { isPickPostError, PickPostError } from '../errors/index';
import type { OutboxEntry, OutboxState } from '../ports/state-store';

/*
 * What SQL StateStore implementations share besides `defineStateStore`: the translation of
 * driver errors into STORE_FAILED, migration checks and the mapping of outbox rows, so that the
 * SQLite and Postgres stores hold only their SQL.
 */

/**
 * `cause` as the error a store throws: a `PickPostError` unchanged, anything else wrapped in
 * `STORE_FAILED` with the driver's error `code` (SQLSTATE, `SQLITE_BUSY`, `ECONNREFUSED`…) in
 * the message and the error itself as `cause`. The driver's message is left out of the new
 * message: it may quote a connection string.
 *
 * @example
 * catch (error) { throw toStoreFailure(error, 'SQLite'); }
 */
export function toStoreFailure(cause: unknown, storeName: string): PickPostError {
  if (isPickPostError(cause)) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new PickPostError('STORE_FAILED', `The ${storeName} state store failed${detail}`, {
    cause,
  });
}

/** One schema change of a SQL store: applied once, in version order, recorded by version. */
export interface StoreMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The migrations a database at schema version `current` still needs, in order. A database
 * newer than this release knows is refused: its data may mean something this code misreads.
 *
 * @example
 * for (const migration of pendingMigrations(SQLITE_MIGRATIONS, current, 'The database', '@pickpost/store-sqlite')) db.exec(migration.sql);
 */
export function pendingMigrations(
  migrations: readonly StoreMigration[],
  current: number,
  database: string,
  packageName: string,
): StoreMigration[] {
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) {
    throw new PickPostError(
      'STORE_FAILED',
      `${database} has schema version ${current}; this ${packageName} knows up to ${known}`,
    );
  }
  return migrations.filter((migration) => migration.version > current);
}

/** An outbox item as SQL stores keep it; drivers return bigint columns as strings. */
export interface OutboxRow {
  id: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  enqueued_at: number | string;
  receipt: string | null;
  delivered_at: number | string | null;
}

/**
 * The {@link OutboxEntry} of a row, without the fields a pending or claimed item lacks.
 *
 * @example
 * const items = rows.map(outboxEntryFromRow);
 */
export function outboxEntryFromRow(row: OutboxRow): OutboxEntry {
  const entry: OutboxEntry = {
    id: row.id,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    // Epoch milliseconds are far inside the safe-integer range.
    enqueuedAt: Number(row.enqueued_at),
  };
  if (row.receipt !== null) entry.receipt = row.receipt;
  if (row.delivered_at !== null) entry.deliveredAt = Number(row.delivered_at);
  return entry;
}

/**
 * The result of `outbox.counts()` from `SELECT state, count(*) … GROUP BY state` rows.
 *
 * @example
 * return countOutboxStates(rows);
 */
export function countOutboxStates(
  rows: readonly { state: OutboxState; count: number | string }[],
): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { pending: 0, claimed: 0, delivered: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}
