import type { AtomicWrite } from '@pickpost/core/store-kit';
import type pg from 'pg';

/**
 * The writes of a whole `writeGroups` call in three statements (updates, creates, outbox items)
 * instead of one statement per write and two savepoint statements per group of several: a
 * claim or completion of 100 work items was 100–400 round trips inside one transaction, each a
 * wait for the server and CPU on both sides, and the largest part of a batch's Postgres time.
 *
 * Possible only when no key is written twice in the call (each write then stands alone, in
 * whatever order the statements run). Then a group of one write gets its exact result from the
 * statement's `RETURNING`; a group of several is all or nothing, so the call's transaction keeps
 * the batch only when every write of it took: else it is rolled back and written group by
 * group with savepoints, as before.
 */

export interface BatchTables {
  values: string;
  outbox: string;
}

/** Writes in key order: the order rows are locked and inserted in. */
const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Whether the call's writes can go as one batch: every key of the values table once. */
export function batchable(groups: readonly (readonly AtomicWrite[])[]): boolean {
  const keys = new Set<string>();
  let writes = 0;
  for (const group of groups)
    for (const write of group) {
      writes += 1;
      if (write.op === 'enqueue') continue;
      if (keys.has(write.key)) return false;
      keys.add(write.key);
    }
  // One write gains nothing from the batch statements.
  return writes > 1;
}

/** The keys the batch created or updated, as its statements' `RETURNING` shows them. */
export async function writeBatch(
  client: pg.PoolClient,
  table: BatchTables,
  groups: readonly (readonly AtomicWrite[])[],
  now: number,
): Promise<Set<string>> {
  const updates: Extract<AtomicWrite, { op: 'update' }>[] = [];
  const creates: Extract<AtomicWrite, { op: 'create' }>[] = [];
  const enqueues = new Map<string, string>();
  for (const group of groups)
    for (const write of group) {
      if (write.op === 'update') updates.push(write);
      else if (write.op === 'create') creates.push(write);
      // The first payload of an id counts, as when the writes run one after the other.
      else if (!enqueues.has(write.id)) enqueues.set(write.id, write.payload);
    }
  const done = new Set<string>();
  if (updates.length > 0) {
    updates.sort(byKey);
    // The rows are locked in key order first (as concurrent callers do), so two batches over
    // overlapping keys wait for each other instead of deadlocking. In READ COMMITTED a row
    // changed meanwhile is checked again at its new version (and skipped when that moved on).
    const { rows } = await client.query<{ key: string }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::integer[], $3::text[]) AS i(key, expected, value)
       ), locked AS (
         SELECT v.key FROM ${table.values} v JOIN input i ON v.key = i.key AND v.version = i.expected
         ORDER BY v.key FOR UPDATE OF v
       )
       UPDATE ${table.values} v SET value = i.value, version = v.version + 1
       FROM input i
       WHERE v.key = i.key AND v.version = i.expected AND v.key IN (SELECT key FROM locked)
       RETURNING v.key`,
      [
        updates.map((write) => write.key),
        updates.map((write) => write.expectedVersion),
        updates.map((write) => write.value),
      ],
    );
    for (const row of rows) done.add(row.key);
  }
  if (creates.length > 0) {
    creates.sort(byKey);
    const { rows } = await client.query<{ key: string }>(
      `INSERT INTO ${table.values} (key, value, version)
       SELECT key, value, 1 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(key, value, n)
       ORDER BY n
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [creates.map((write) => write.key), creates.map((write) => write.value)],
    );
    for (const row of rows) done.add(row.key);
  }
  if (enqueues.size > 0) {
    // In the callers' order: the outbox hands items out by sequence number.
    await client.query(
      `INSERT INTO ${table.outbox} (id, payload, state, enqueued_at)
       SELECT id, payload, 'pending', $3 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(id, payload, n)
       ORDER BY n
       ON CONFLICT (id) DO NOTHING`,
      [[...enqueues.keys()], [...enqueues.values()], now],
    );
  }
  return done;
}

/** Per group, whether all its writes took (an outbox item always does). */
export function groupResults(
  groups: readonly (readonly AtomicWrite[])[],
  done: ReadonlySet<string>,
): boolean[] {
  return groups.map((group) =>
    group.every((write) => write.op === 'enqueue' || done.has(write.key)),
  );
}

/** One write of a group on `client`; `false` when its condition does not hold. */
async function applyWrite(
  client: pg.PoolClient,
  table: BatchTables,
  write: AtomicWrite,
  now: number,
): Promise<boolean> {
  if (write.op === 'enqueue') {
    await client.query(
      `INSERT INTO ${table.outbox} (id, payload, state, enqueued_at)
       VALUES ($1, $2, 'pending', $3) ON CONFLICT (id) DO NOTHING`,
      [write.id, write.payload, now],
    );
    return true;
  }
  const result =
    write.op === 'create'
      ? await client.query(
          `INSERT INTO ${table.values} (key, value, version) VALUES ($1, $2, 1)
           ON CONFLICT (key) DO NOTHING`,
          [write.key, write.value],
        )
      : await client.query(
          `UPDATE ${table.values} SET value = $3, version = version + 1
           WHERE key = $1 AND version = $2`,
          [write.key, write.expectedVersion, write.value],
        );
  return result.rowCount === 1;
}

/** The writes one after the other, each group of several inside a savepoint. */
export async function writeEachGroup(
  client: pg.PoolClient,
  table: BatchTables,
  groups: readonly (readonly AtomicWrite[])[],
  now: () => number,
): Promise<boolean[]> {
  const written: boolean[] = [];
  for (const group of groups) {
    // A group of one write needs no savepoint: its one statement either changes its row or
    // changes nothing (an update at another version, a create of an existing key), so there is
    // nothing to roll back.
    if (group.length === 1) {
      written.push(await applyWrite(client, table, group[0] as AtomicWrite, now()));
      continue;
    }
    await client.query('SAVEPOINT pickpost_group');
    let fits = true;
    for (const write of group) {
      if (!(await applyWrite(client, table, write, now()))) {
        fits = false;
        break;
      }
    }
    await client.query(
      fits ? 'RELEASE SAVEPOINT pickpost_group' : 'ROLLBACK TO SAVEPOINT pickpost_group',
    );
    written.push(fits);
  }
  return written;
}
