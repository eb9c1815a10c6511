// One sync process of `bench woocommerce-sync`: the service's own loop (`startSyncWorker`, as
// `pickpost-woocommerce serve` runs it) on the shared Postgres store. Boots, syncs a warm-up shop
// of its own (`BENCH_WARMUP_ORDERS`, untimed), says `ready`, starts
// on `go` from the parent, prints `fulfilled <n>` after each batch, and on `stop` ends the loop
// and prints `result <json>` (its peak RSS and WooCommerce requests).
import { createInterface } from 'node:readline';
import type { StateStore } from '@pickpost/core';
import { createPickPost } from '@pickpost/core';
import { createMockWooCommerce, DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import { createWooClient, createWooSync } from '@pickpost/woocommerce';
// Internal to the package: the loop `serve` runs, used as it is rather than imitated.
import { startSyncWorker } from '../../packages/woocommerce/src/sync-worker.ts';
import { orderBody } from '../../packages/woocommerce/test/shop-fixtures.ts';
import { ownCpuMs } from './_cpu.ts';
import { peakRssMb } from './_harness.ts';
import { wooBenchConfig } from './_woo-config.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

// Every store call counted and timed (calls run concurrently, so the times overlap): where the
// Postgres round trips per order go.
const storeCalls: Record<string, { calls: number; ms: number }> = {};
const store = countCalls(
  createPostgresStateStore({ connectionString: env('BENCH_PG'), schema: env('BENCH_SCHEMA') }),
);
function countCalls(inner: StateStore): StateStore {
  const counted = { ...inner } as Record<string, unknown>;
  for (const name of Object.keys(inner) as (keyof StateStore)[]) {
    const method = inner[name];
    if (typeof method !== 'function' || name === 'close') continue;
    counted[name] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
      } finally {
        const entry = storeCalls[name] ?? { calls: 0, ms: 0 };
        storeCalls[name] = entry;
        entry.calls += 1;
        entry.ms += performance.now() - started;
      }
    };
  }
  return counted as unknown as StateStore;
}
/**
 * The service's defaults over one shop and store: batches of 100, one internal note per order
 * (notes `auto`: in the batch, the shop having the PickPost plugin), status `completed`.
 */
function syncOf(shopUrl: string, syncStore: StateStore, dataTransferDir: string) {
  const client = createWooClient({
    url: shopUrl,
    consumerKey: DEMO_KEYS.readWrite.consumerKey,
    consumerSecret: DEMO_KEYS.readWrite.consumerSecret,
  });
  const pickpost = createPickPost(
    wooBenchConfig({
      baseUrls: JSON.parse(env('BENCH_POST')),
      selectionSecret: env('BENCH_SELECTION_SECRET'),
      dataTransferDir,
    }),
    { store: syncStore },
  );
  return { woo: client, sync: createWooSync({ woo: client, pickpost, store: syncStore }) };
}
const { woo, sync } = syncOf(env('BENCH_SHOP'), store, env('BENCH_DT'));

await warmUp(Number(env('BENCH_WARMUP_ORDERS')));

/**
 * Before `ready`, untimed and uncounted: the same sync over a shop of `count` orders of this
 * process's own (same latency, same orders, its own schema and files), so the timed series
 * measures warm code, as a service that has run for a while has it.
 */
async function warmUp(count: number): Promise<void> {
  if (count === 0) return;
  const shop = await createMockWooCommerce({
    https: false,
    latencyMs: Number(env('BENCH_LATENCY_MS')),
    pickpostPlugin: true,
  });
  const meta = JSON.parse(env('BENCH_ORDER_META')) as { key: string; value: unknown }[];
  for (let index = 0; index < count; index++) shop.shop.createOrder(orderBody({ meta_data: meta }));
  const warmStore = createPostgresStateStore({
    connectionString: env('BENCH_PG'),
    schema: env('BENCH_WARM_SCHEMA'),
  });
  const warm = syncOf(shop.url, warmStore, `${env('BENCH_DT')}-warm-${process.pid}`);
  const report = await warm.sync.runOnce();
  if (report.fulfilled !== count)
    throw new Error(`the warm-up synced ${report.fulfilled} of ${count} orders`);
  warm.woo.close();
  await warmStore.close();
  await shop.close();
}

const lines = createInterface({ input: process.stdin });
const commands = lines[Symbol.asyncIterator]();
process.stdout.write('ready\n');
await commands.next();
const cpuAtGo = ownCpuMs();
const worker = startSyncWorker({
  sync: {
    poll: sync.poll,
    async work() {
      const report = await sync.work();
      if (report.fulfilled > 0) process.stdout.write(`fulfilled ${report.fulfilled}\n`);
      return report;
    },
  },
  pollIntervalMs: 60_000,
  // A failed pass is retried by the loop; said here so a slow series can be told from a broken one.
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => console.error(`worker ${process.pid}: ${message}`, fields),
    error: (message, fields) => console.error(`worker ${process.pid}: ${message}`, fields),
  },
});
await commands.next();
await worker.stop();
const cpuMs = ownCpuMs() - cpuAtGo;
lines.close();
woo.close();
await store.close();
const result = {
  rssMb: peakRssMb(),
  requests: woo.requestCount,
  totals: worker.totals,
  cpuMs,
  storeCalls,
};
process.stdout.write(`result ${JSON.stringify(result)}\n`);
