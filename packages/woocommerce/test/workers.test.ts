import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The Postgres of store-postgres' own tests (embedded, or DATABASE_URL when set).
import type { TestPostgres } from '../../store-postgres/test/postgres-server';
import { startTestPostgres } from '../../store-postgres/test/postgres-server';
import { META } from '../src/order-mapping';
import type { SyncChild } from './child-runner';
import { startSyncChild } from './child-runner';
import { metaOf, ownNotes, SELECTION_SECRET, startJourney } from './journey-kit';

const ORDERS = 2_000;
const WORKERS = 4;

type Journey = Awaited<ReturnType<typeof startJourney>>;
let j: Journey;
let postgres: TestPostgres;
const ids: number[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  j = await startJourney('4b', { shop: { latencyMs: 5 } });
  for (let customer = 1; customer <= ORDERS; customer++) ids.push((await j.checkout(customer)).id);
}, 240_000);
afterAll(async () => {
  await j?.close();
  await postgres?.stop();
});

/**
 * How often each order was sent in a batched write-back (items with the identcode: the batch
 * that deletes a note's meta again, after `auto` found no plugin, is not a write-back).
 */
function writesPerOrder(): Map<number, number> {
  const counts = new Map<number, number>();
  type Item = { id: number; meta_data?: { key: string }[] };
  for (const request of j.shop.state.requests) {
    if (request.restRoute !== '/wc/v3/orders/batch' || request.status !== 200) continue;
    for (const item of (request.body as { update?: Item[] }).update ?? []) {
      if (!item.meta_data?.some((meta) => meta.key === META.identcode)) continue;
      counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
    }
  }
  return counts;
}

describe('many workers, one Postgres', () => {
  it(`${WORKERS} workers over ${ORDERS} orders: shared by leases, a killed worker's orders finished`, async () => {
    const env = {
      CHILD_PG: postgres.connectionString,
      CHILD_SCHEMA: postgres.newSchema(),
      CHILD_SHOP: j.shop.url,
      CHILD_POST: JSON.stringify(j.post.baseUrls),
      CHILD_SELECTION_SECRET: SELECTION_SECRET,
      CHILD_DT: `${j.dir}/datatransfer`,
      CHILD_BATCH: '25',
    };
    const workers: SyncChild[] = [];
    for (let index = 0; index < WORKERS; index++)
      workers.push(startSyncChild({ ...env, CHILD_NAME: `w${index}` }));
    const victim = workers[0] as SyncChild;
    // Killed once it has worked a few batches, holding claims.
    const started = Date.now();
    while ((victim.output().match(/fulfilled/g) ?? []).length < 3 && Date.now() - started < 120_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    for (const worker of workers.slice(1)) expect(await worker.exited).toBe(0);

    const identcodes = new Set<string>();
    for (const id of ids) {
      expect(j.shop.state.order(id)?.status).toBe('completed');
      identcodes.add(metaOf(j.shop, id, META.identcode) as string);
      expect(ownNotes(j.shop, id)).toHaveLength(1);
    }
    expect(identcodes.size).toBe(ORDERS);

    // Each survivor did a share of the work.
    for (const worker of workers.slice(1)) {
      const done = Number(/done (\d+)/.exec(worker.output())?.[1] ?? 0);
      expect(done).toBeGreaterThan(0);
    }
    // No order was written back twice, but for the victim's batch in hand (written, then
    // killed before it could record that): at most one batch, written again with equal data.
    const twice = [...writesPerOrder().values()].filter((count) => count > 1).length;
    expect(twice).toBeLessThanOrEqual(25);
    expect(writesPerOrder().size).toBe(ORDERS);
  }, 400_000);
});
