// One sync process of `bench woocommerce-sync`: the service's own loop (`startSyncWorker`, as
// `pickpost-woocommerce serve` runs it) on the shared Postgres store. Boots, says `ready`, starts
// on `go` from the parent, prints `fulfilled <n>` after each batch, and on `stop` ends the loop
// and prints `result <json>` (its peak RSS and WooCommerce requests).
import { createInterface } from 'node:readline';
import { createPickPost } from '@pickpost/core';
import { DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import { createWooClient, createWooSync } from '@pickpost/woocommerce';
// Internal to the package: the loop `serve` runs, used as it is rather than imitated.
import { startSyncWorker } from '../../packages/woocommerce/src/sync-worker.ts';
import { peakRssMb } from './_harness.ts';
import { wooBenchConfig } from './_woo-config.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const store = createPostgresStateStore({
  connectionString: env('BENCH_PG'),
  schema: env('BENCH_SCHEMA'),
});
const woo = createWooClient({
  url: env('BENCH_SHOP'),
  consumerKey: DEMO_KEYS.readWrite.consumerKey,
  consumerSecret: DEMO_KEYS.readWrite.consumerSecret,
});
const pickpost = createPickPost(
  wooBenchConfig({
    baseUrls: JSON.parse(env('BENCH_POST')),
    selectionSecret: env('BENCH_SELECTION_SECRET'),
    dataTransferDir: env('BENCH_DT'),
  }),
  { store },
);
// The service's defaults: batches of 100, one internal note per order, status `completed`.
const sync = createWooSync({ woo, pickpost, store });

const lines = createInterface({ input: process.stdin });
const commands = lines[Symbol.asyncIterator]();
process.stdout.write('ready\n');
await commands.next();
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
lines.close();
woo.close();
await store.close();
const result = { rssMb: peakRssMb(), requests: woo.requestCount, totals: worker.totals };
process.stdout.write(`result ${JSON.stringify(result)}\n`);
