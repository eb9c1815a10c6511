// What the Postgres backends of `bench woocommerce-sync` are doing while a series runs: a sample
// of `pg_stat_activity` every few ms (its own connection left out), counted by state, wait event
// and statement. A backend `active` with no wait event is running on a CPU; `idle` is a pooled
// connection nobody uses; `idle in transaction` is a transaction waiting on its client (the next
// statement of a `writeGroups`); `Lock:transactionid`/`tuple` is a row lock another transaction
// holds (PostgreSQL docs, "The Cumulative Statistics System", wait event tables).
import pg from 'pg';

export interface WaitSample {
  samples: number;
  /** Backends of the store's schema per sample, by state and wait event, on average. */
  byState: Record<string, number>;
  /** The statements seen waiting on a lock, by the first words, on average per sample. */
  lockWaits: Record<string, number>;
}

const statementOf = (query: string) => query.replace(/\s+/g, ' ').trim().slice(0, 48);

/** Starts sampling; `stop()` ends it and returns the averages. */
export async function sampleWaits(connectionString: string, everyMs = 25) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const byState = new Map<string, number>();
  const lockWaits = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const running = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{
        state: string | null;
        wait_event_type: string | null;
        wait_event: string | null;
        query: string;
      }>(
        `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      samples += 1;
      for (const row of rows) {
        const wait =
          row.wait_event_type === null ? 'cpu' : `${row.wait_event_type}:${row.wait_event}`;
        add(byState, `${row.state} / ${row.state === 'active' ? wait : '-'}`);
        if (row.wait_event_type === 'Lock')
          add(lockWaits, `${row.wait_event}: ${statementOf(row.query)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  const average = (map: Map<string, number>) =>
    Object.fromEntries(
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => [key, Number((count / Math.max(1, samples)).toFixed(2))]),
    );
  return {
    async stop(): Promise<WaitSample> {
      stopped = true;
      await running;
      await client.end();
      return { samples, byState: average(byState), lockWaits: average(lockWaits) };
    },
  };
}
