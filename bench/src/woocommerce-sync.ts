// `pnpm bench woocommerce-sync`: the WooCommerce sync service over 5,000 PickPost orders in the
// mock shop answering every request after 20 ms, as a shop on the internet would. Workers are
// separate processes running the service's own loop on one shared Postgres store (the package's
// way to use more than one machine): one worker, then four, each series on its own shop. Beside
// them, in the same run, a naive sync doing get, update and note per order.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PickPost } from '@pickpost/core';
import { createMemoryStateStore, createPickPost } from '@pickpost/core';
import { createMockPostServer } from '@pickpost/mock-post-server';
import type { MockWooCommerce } from '@pickpost/mock-woocommerce';
import { createMockWooCommerce, DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { createWooClient, META, NOTE_META, toFulfilOrder } from '@pickpost/woocommerce';
import { startTestPostgres } from '../../packages/store-postgres/test/postgres-server.ts';
import { orderBody } from '../../packages/woocommerce/test/shop-fixtures.ts';
import { machineCpuMs, ownCpuMs, postgresCpuMs, postmasterPid } from './_cpu.ts';
import { peakRssMb, report, round } from './_harness.ts';
import { sampleWaits } from './_pg-waits.ts';
import { wooBenchConfig } from './_woo-config.ts';

const ORDERS = Number(process.env.PICKPOST_BENCH_ORDERS ?? 5_000);
// The naive sync takes three round trips per order: a sample gives its rate (it is linear).
const NAIVE_ORDERS = Math.min(ORDERS, Number(process.env.PICKPOST_BENCH_NAIVE_ORDERS ?? 300));
const LATENCY_MS = 20;
// Orders each worker process syncs before the timed series (0: cold processes).
const WARMUP_ORDERS = Number(process.env.PICKPOST_BENCH_WARMUP_ORDERS ?? 500);
const SELECTION_SECRET = 'bench-woo-selection-secret-0123456789abcdef';
const WORKER_SCRIPT = fileURLToPath(new URL('./_woo-worker.ts', import.meta.url));

const post = await createMockPostServer();
const dir = await mkdtemp(join(tmpdir(), 'pickpost-bench-woo-'));
const postgres = await startTestPostgres();
const checkout = createPickPost(
  wooBenchConfig({
    baseUrls: post.baseUrls,
    selectionSecret: SELECTION_SECRET,
    dataTransferDir: join(dir, 'naive-out'),
  }),
  { store: createMemoryStateStore() },
);
const [point] = await checkout.checkout.findPoints({ zip: '8001', kinds: ['pickpost'] });
if (point === undefined) throw new Error('the mock Post server found no point in 8001');
const { selection } = await checkout.checkout.selectPoint({
  pointId: point.id,
  customerRef: 'c-1',
});

/** A shop with `count` orders as the companion plugin leaves them at checkout. */
const orderMeta = [
  { key: META.selection, value: selection },
  { key: META.pointId, value: point.id },
  { key: META.point, value: JSON.stringify({ id: point.id, name: point.name }) },
  { key: META.customerRef, value: 'c-1' },
];
async function shopWith(count: number): Promise<MockWooCommerce> {
  // With the PickPost plugin's note hook (simulated): the sync's notes ride in its batches.
  const shop = await createMockWooCommerce({
    https: false,
    latencyMs: LATENCY_MS,
    pickpostPlugin: true,
  });
  for (let index = 0; index < count; index++)
    shop.shop.createOrder(orderBody({ meta_data: orderMeta }));
  return shop;
}

interface WorkerResult {
  rssMb: number;
  requests: number;
  cpuMs: number;
  storeCalls: Record<string, { calls: number; ms: number }>;
}

// The Postgres server's main process, for its CPU time (0 when Postgres is external).
const postmaster = postmasterPid() ?? 0;

function startWorker(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, WORKER_SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let fulfilled = 0;
  let onReady: () => void = () => undefined;
  let onResult: (result: WorkerResult) => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    onResult = resolve;
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  lines.on('line', (line) => {
    if (line === 'ready') onReady();
    else if (line.startsWith('fulfilled ')) fulfilled += Number(line.slice(10));
    else if (line.startsWith('result ')) onResult(JSON.parse(line.slice(7)) as WorkerResult);
  });
  const send = (command: string) => child.stdin?.write(`${command}\n`);
  return { ready, result, send, fulfilled: () => fulfilled };
}

const notesPosted = (shop: MockWooCommerce) =>
  shop.state.requests.filter((r) => r.method === 'POST' && /\/notes$/.test(r.restRoute)).length;

/** Every order completed with its identcode and exactly one note of ours, or the series failed. */
function checkShop(shop: MockWooCommerce, count: number): void {
  for (const id of shop.state.orderIds().slice(0, count)) {
    const order = shop.state.order(id);
    const identcode = order?.meta_data.find((meta) => meta.key === META.identcode);
    const ours = shop.state.notes(id).filter((note) => note.note.startsWith('PickPost'));
    const pending = order?.meta_data.some((meta) => meta.key === NOTE_META.pending);
    if (order?.status !== 'completed' || identcode === undefined || ours.length !== 1 || pending)
      throw new Error(`order ${id} is not synced exactly once (${order?.status}, ${ours.length})`);
  }
}

/** `workers` sync processes over a fresh shop of ORDERS orders: orders/s from `go` to the last. */
async function series(workers: number) {
  const shop = await shopWith(ORDERS);
  const env = {
    BENCH_PG: postgres.connectionString,
    BENCH_SCHEMA: postgres.newSchema(),
    BENCH_SHOP: shop.url,
    BENCH_POST: JSON.stringify(post.baseUrls),
    BENCH_SELECTION_SECRET: SELECTION_SECRET,
    BENCH_DT: join(dir, `out-${workers}`),
    BENCH_WARMUP_ORDERS: String(WARMUP_ORDERS),
    BENCH_LATENCY_MS: String(LATENCY_MS),
    BENCH_ORDER_META: JSON.stringify(orderMeta),
  };
  // Each process first syncs a warm-up shop of its own (its own schema too), untimed: a service
  // runs warm, and cold, four processes would each pay the JIT warm-up that one pays once.
  const running = Array.from({ length: workers }, () =>
    startWorker({ ...env, BENCH_WARM_SCHEMA: postgres.newSchema() }),
  );
  await Promise.all(running.map((worker) => worker.ready));
  const cpuBefore = {
    parent: ownCpuMs(),
    postgres: postgresCpuMs(postmaster),
    machine: machineCpuMs(),
  };
  const waits = await sampleWaits(postgres.connectionString);
  const started = performance.now();
  for (const worker of running) worker.send('go');
  const deadline = Date.now() + 150_000;
  const done = () => running.reduce((sum, worker) => sum + worker.fulfilled(), 0);
  while (done() < ORDERS) {
    if (Date.now() > deadline) throw new Error(`only ${done()} of ${ORDERS} orders synced`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  const postgresBackends = await waits.stop();
  const machine = machineCpuMs();
  const cpu = {
    parent: ownCpuMs() - cpuBefore.parent,
    postgres: postgresCpuMs(postmaster) - cpuBefore.postgres,
    machineBusy: machine.busy - cpuBefore.machine.busy,
    machineTotal: machine.total - cpuBefore.machine.total,
  };
  for (const worker of running) worker.send('stop');
  const results = await Promise.all(running.map((worker) => worker.result));
  const storeCalls: Record<string, number> = {};
  const storeMs: Record<string, number> = {};
  let storeCallMs = 0;
  for (const result of results)
    for (const [name, entry] of Object.entries(result.storeCalls)) {
      storeCalls[name] = (storeCalls[name] ?? 0) + entry.calls;
      storeMs[name] = (storeMs[name] ?? 0) + entry.ms;
      storeCallMs += entry.ms;
    }
  const workersCpu = results.reduce((sum, result) => sum + result.cpuMs, 0);
  const perOrder = (ms: number) => round(ms / ORDERS, 3);
  checkShop(shop, ORDERS);
  const requests = shop.state.requests.length;
  const notes = notesPosted(shop);
  await shop.close();
  return {
    workers,
    perSecond: ORDERS / seconds,
    seconds,
    requestsPerOrder: requests / ORDERS,
    requestsPerOrderWithoutNotes: (requests - notes) / ORDERS,
    shares: results.map((result) => result.requests),
    workerPeakRssMb: Math.max(...results.map((result) => result.rssMb)),
    // CPU ms per order: the workers, the bench process (mock shop and mock Post), Postgres; and
    // how busy the whole 2-core machine was (other processes on it included).
    cpuMsPerOrder: {
      workers: perOrder(workersCpu),
      shopAndPost: perOrder(cpu.parent),
      postgres: perOrder(cpu.postgres),
      total: perOrder(workersCpu + cpu.parent + cpu.postgres),
    },
    machineBusyShare: round(cpu.machineBusy / Math.max(1, cpu.machineTotal), 3),
    postgresBackends,
    storeCallsPerOrder: Object.fromEntries(
      Object.entries(storeCalls).map(([name, calls]) => [name, round(calls / ORDERS, 3)]),
    ),
    storeCallMsPerOrder: perOrder(storeCallMs),
    storeMsPerOrderByMethod: Object.fromEntries(
      Object.entries(storeMs).map(([name, ms]) => [name, perOrder(ms)]),
    ),
  };
}

/** The naive way: list, then per order get it, fulfil, update it and add a note, one by one. */
async function naive(pickpost: PickPost) {
  const shop = await shopWith(NAIVE_ORDERS);
  const woo = createWooClient({
    url: shop.url,
    consumerKey: DEMO_KEYS.readWrite.consumerKey,
    consumerSecret: DEMO_KEYS.readWrite.consumerSecret,
  });
  const started = performance.now();
  const ids: number[] = [];
  for await (const page of woo.listOrders({ status: 'processing' }))
    ids.push(...page.orders.map((order) => order.id));
  // Product weights in kg, each product read once (all orders have the same products here).
  const kg = new Map<number, number>();
  for (const id of ids) {
    const order = await woo.getOrder(id);
    const unknown = order.line_items.filter((item) => !kg.has(item.product_id));
    if (unknown.length > 0)
      for (const product of await woo.getProducts(unknown.map((item) => item.product_id)))
        kg.set(product.id, Number(product.weight));
    const grams = order.line_items.reduce(
      (sum, item) => sum + (kg.get(item.product_id) ?? 0) * 1000 * item.quantity,
      0,
    );
    const result = await pickpost.fulfil(toFulfilOrder(order, Math.round(grams)));
    await woo.updateOrders([
      {
        id,
        status: 'completed',
        meta_data: [
          { key: META.identcode, value: result.identcode },
          { key: META.trackingUrl, value: result.trackingUrl },
          { key: META.transmission, value: result.transmission },
        ],
      },
    ]);
    await woo.addNote(id, `PickPost label created: identcode ${result.identcode}`);
  }
  const seconds = (performance.now() - started) / 1000;
  checkShop(shop, NAIVE_ORDERS);
  const requestsPerOrder = shop.state.requests.length / NAIVE_ORDERS;
  woo.close();
  await shop.close();
  return { perSecond: NAIVE_ORDERS / seconds, seconds, requestsPerOrder };
}

const one = await series(1);
const four = await series(4);
const base = await naive(checkout);
await postgres.stop();
await post.close();
await rm(dir, { recursive: true, force: true });

for (const s of [one, four])
  console.log(
    `${s.workers} worker(s): CPU ms/order ${JSON.stringify(s.cpuMsPerOrder)}, machine busy ${Math.round(s.machineBusyShare * 100)} %, store calls/order ${JSON.stringify(s.storeCallsPerOrder)}, store ms/order (summed over concurrent calls) ${JSON.stringify(s.storeMsPerOrderByMethod)}, Postgres backends by state and wait event (mean of ${s.postgresBackends.samples} samples) ${JSON.stringify(s.postgresBackends.byState)}, waiting on locks ${JSON.stringify(s.postgresBackends.lockWaits)}`,
  );
const speedUp = four.perSecond / one.perSecond;
const overNaive = one.perSecond / base.perSecond;
const row = (name: string, s: { perSecond: number; seconds: number; requestsPerOrder: number }) => [
  name,
  String(Math.round(s.perSecond)),
  round(s.seconds, 1).toString(),
  round(s.requestsPerOrder, 3).toString(),
];
report(
  'woocommerce-sync',
  {
    header: [`series (${LATENCY_MS} ms per request)`, 'orders/s', 's', 'requests/order'],
    rows: [
      row(`naive: get, update, note per order (${NAIVE_ORDERS} orders)`, base),
      row(`sync, 1 worker process (${ORDERS} orders)`, one),
      row(`sync, 4 worker processes, one Postgres (${ORDERS} orders)`, four),
    ],
  },
  {
    orders: ORDERS,
    naiveOrders: NAIVE_ORDERS,
    latencyMs: LATENCY_MS,
    warmUpOrdersPerWorker: WARMUP_ORDERS,
    workers: 'separate processes, startSyncWorker loop, one shared embedded Postgres store',
    one: { ...one, perSecond: round(one.perSecond), seconds: round(one.seconds) },
    four: { ...four, perSecond: round(four.perSecond), seconds: round(four.seconds) },
    naive: { ...base, perSecond: round(base.perSecond), seconds: round(base.seconds) },
    speedUp4Workers: round(speedUp),
    syncOverNaive: round(overNaive),
    parentPeakRssMb: round(peakRssMb()),
  },
  [
    {
      name: 'WooCommerce requests per order (1 worker)',
      value: round(one.requestsPerOrder, 3),
      op: '<=',
      bound: 0.05,
    },
    { name: '4 workers / 1 worker orders/s', value: round(speedUp), op: '>=', bound: 3 },
    { name: 'sync (1 worker) / naive orders/s', value: round(overNaive), op: '>=', bound: 10 },
  ],
);
