// `pnpm bench fulfil`: the path every order takes. 10,000 `fulfil()` calls for variant 2
// (self-generated PDF label, DataTransfer record), one after the other, with the memory, SQLite
// (WAL, synchronous=FULL) and Postgres stores; then `fulfilMany` on SQLite and Postgres, with a
// label PDF drawn per order and as the adapters' bulk paths call it (no single labels; one merged
// PDF drawn from the results). The baseline in the same run is what the disk allows: one bare
// SQLite commit per order with the same settings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FulfilOrder, LabelInput, PickPost, StateStore } from '@pickpost/core';
import { createMemoryStateStore, createPickPost, renderLabels } from '@pickpost/core';
import { createMockPostServer, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import Database from 'better-sqlite3';
import { startTestPostgres } from '../../packages/store-postgres/test/postgres-server.ts';
import { BENCH_SENDER, report, round, summarise } from './_harness.ts';

const ORDERS = Number(process.env.PICKPOST_BENCH_ORDERS ?? 10_000);
const WARM_UP = 300;
const CONCURRENCY = 32;

const FIRST_NAMES = ['Hans', 'Anna', 'Luca', 'Sofia', 'Zoé', 'Jürg', 'Łucja'];
const LAST_NAMES = ['Muster', 'Keller', 'Rossi', 'Đoković', 'Meier', 'Fässler'];

const post = await createMockPostServer();
const dir = await mkdtemp(join(tmpdir(), 'pickpost-bench-fulfil-'));

async function shopOn(store: StateStore, name: string) {
  const pickpost = createPickPost(
    {
      variant: 2,
      frankingLicense: '60013217',
      sender: BENCH_SENDER,
      selectionSecret: 'bench-selection-secret-0123456789abcdef',
      post: {
        clientId: DEMO_CLIENT.clientId,
        clientSecret: DEMO_CLIENT.clientSecret,
        baseUrls: post.baseUrls,
      },
      dataTransfer: { transport: { type: 'directory', dir: join(dir, `${name}-out`) } },
      itemNumbers: { from: 1, to: 99_999_999, reuseAfterDays: 90 },
    },
    { store },
  );
  const customer = {
    title: 'Herr',
    firstName: 'Hans',
    name1: 'Muster',
    street: 'Bellerivestrasse',
    houseNo: '5',
    zip: '8008',
    city: 'Zürich',
    email: 'hans.muster@example.ch',
  };
  const { pickpostId } = await pickpost.checkout.registerCustomer(customer, { customerRef: 'c-1' });
  const [point] = await pickpost.checkout.findPoints({ zip: '8001', kinds: ['pickpost'] });
  const { selection } = await pickpost.checkout.selectPoint({
    pointId: point?.id ?? '',
    pickpostId,
    customerRef: 'c-1',
  });
  return { pickpost, selection };
}

function orderOf(selection: string, prefix: string, index: number): FulfilOrder {
  return {
    orderRef: `${prefix}-${index}`,
    selection,
    customerRef: 'c-1',
    recipient: {
      firstName: FIRST_NAMES[index % FIRST_NAMES.length],
      name1: LAST_NAMES[index % LAST_NAMES.length] ?? 'Muster',
      street: 'Bellerivestrasse',
      houseNo: String(1 + (index % 90)),
      zip: '8008',
      city: 'Zürich',
    },
    parcel: { weightGrams: 500 + (index % 20) * 100 },
  };
}

/** `count` fulfilments one after the other: orders per second and latency per order. */
async function sequential(pickpost: PickPost, selection: string, prefix: string, count: number) {
  for (let index = 0; index < WARM_UP; index += 1)
    await pickpost.fulfil(orderOf(selection, `${prefix}-warm`, index));
  const durations: number[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const at = performance.now();
    await pickpost.fulfil(orderOf(selection, prefix, index));
    durations.push(performance.now() - at);
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, ...summarise(durations) };
}

/**
 * `fulfilMany` over `count` orders. `bulk` orders ask for no single label, as the adapters'
 * bulk paths do (the WooCommerce sync links labels drawn when opened; `pickpost labels --out`
 * draws one merged PDF from the results): `merged` adds that PDF, drawn after the last order,
 * to the time. Otherwise each order's label PDF is drawn, as a shop calling `fulfil` gets it.
 */
async function many(
  pickpost: PickPost,
  selection: string,
  prefix: string,
  count: number,
  options: { bulk: boolean; merged?: boolean },
) {
  const orders = Array.from({ length: count }, (_, index) => ({
    ...orderOf(selection, prefix, index),
    ...(options.bulk ? { label: false as const } : {}),
  }));
  const started = performance.now();
  const made: LabelInput[] = [];
  let failed = 0;
  for await (const outcome of pickpost.fulfilMany(orders, { concurrency: CONCURRENCY }))
    if (!outcome.ok) failed += 1;
    else if (options.merged) made.push(outcome.result.labelInput);
  if (failed > 0) throw new Error(`${failed} orders failed in fulfilMany`);
  let pdfBytes = 0;
  if (options.merged) {
    const pdf = (await renderLabels(made, { format: 'pdf' })) as AsyncIterable<Uint8Array>;
    for await (const chunk of pdf) pdfBytes += chunk.byteLength;
    if (pdfBytes === 0) throw new Error('the merged PDF is empty');
  }
  return { perSecond: count / ((performance.now() - started) / 1000), pdfBytes };
}

/** The floor: one bare commit per order, same journal mode and sync setting as the store. */
function bareSqliteCommits(count: number): number {
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE orders (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO orders (key, value) VALUES (?, ?)');
  const value = 'x'.repeat(2_000);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) insert.run(`order-${index}`, value);
  const perSecond = count / ((performance.now() - started) / 1000);
  db.close();
  return perSecond;
}

const bare = bareSqliteCommits(ORDERS);
const memoryShop = await shopOn(createMemoryStateStore(), 'memory');
const memory = await sequential(memoryShop.pickpost, memoryShop.selection, 'mem', ORDERS);
const sqliteStore = createSqliteStateStore({ filename: join(dir, 'shop.db') });
const sqliteShop = await shopOn(sqliteStore, 'sqlite');
const sqlite = await sequential(sqliteShop.pickpost, sqliteShop.selection, 'sq', ORDERS);
const sqliteMany = await many(sqliteShop.pickpost, sqliteShop.selection, 'sqm', ORDERS, {
  bulk: false,
});
const sqliteBulk = await many(sqliteShop.pickpost, sqliteShop.selection, 'sqb', ORDERS, {
  bulk: true,
});
const sqliteMerged = await many(sqliteShop.pickpost, sqliteShop.selection, 'sqp', ORDERS, {
  bulk: true,
  merged: true,
});
await sqliteStore.close();
const server = await startTestPostgres();
const postgresStore = createPostgresStateStore({
  connectionString: server.connectionString,
  schema: server.newSchema(),
});
const postgresShop = await shopOn(postgresStore, 'postgres');
const postgres = await sequential(postgresShop.pickpost, postgresShop.selection, 'pg', ORDERS);
const postgresMany = await many(postgresShop.pickpost, postgresShop.selection, 'pgm', ORDERS, {
  bulk: true,
});
await postgresStore.close();
await server.stop();
await post.close();
await rm(dir, { recursive: true, force: true });

const row = (name: string, figures: { perSecond: number; p50?: number; p99?: number }) => [
  name,
  String(Math.round(figures.perSecond)),
  figures.p50 === undefined ? '' : round(figures.p50, 3).toString(),
  figures.p99 === undefined ? '' : round(figures.p99, 3).toString(),
];
report(
  'fulfil',
  {
    header: ['series (variant 2, A6 PDF)', 'orders/s', 'p50 ms', 'p99 ms'],
    rows: [
      row('baseline: bare SQLite commit per order', { perSecond: bare }),
      row('fulfil(), memory store', memory),
      row('fulfil(), SQLite store (WAL, FULL)', sqlite),
      row(`fulfilMany(), SQLite, ${CONCURRENCY} at a time, a label PDF each`, sqliteMany),
      row(
        `fulfilMany(), SQLite, ${CONCURRENCY} at a time, as the adapters' bulk paths`,
        sqliteBulk,
      ),
      row('  the same, then one merged PDF of all (pickpost labels --out)', sqliteMerged),
      row('fulfil(), Postgres store', postgres),
      row(`fulfilMany(), Postgres, ${CONCURRENCY} at a time, as the bulk paths`, postgresMany),
    ],
  },
  {
    orders: ORDERS,
    bareSqliteCommitsPerSecond: round(bare),
    memory: { perSecond: round(memory.perSecond), p50: memory.p50, p99: memory.p99 },
    sqlite: { perSecond: round(sqlite.perSecond), p50: sqlite.p50, p99: sqlite.p99 },
    sqliteMany: { perSecond: round(sqliteMany.perSecond), concurrency: CONCURRENCY },
    sqliteBulk: { perSecond: round(sqliteBulk.perSecond), concurrency: CONCURRENCY },
    sqliteMerged: {
      perSecond: round(sqliteMerged.perSecond),
      pdfMb: round(sqliteMerged.pdfBytes / 1e6, 1),
    },
    postgres: { perSecond: round(postgres.perSecond), p50: postgres.p50, p99: postgres.p99 },
    postgresMany: { perSecond: round(postgresMany.perSecond), concurrency: CONCURRENCY },
  },
  [
    { name: 'fulfil() SQLite orders/s', value: round(sqlite.perSecond), op: '>=', bound: 2_000 },
    { name: 'fulfil() memory orders/s', value: round(memory.perSecond), op: '>=', bound: 3_000 },
    {
      name: "fulfilMany() SQLite orders/s, the adapters' bulk path",
      value: round(sqliteBulk.perSecond),
      op: '>=',
      bound: 5_000,
    },
  ],
);
