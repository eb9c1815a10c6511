// A sync process for the kill and multi-worker tests: runs poll + work until nothing is left,
// on the store named by the environment, against the mock shop and Post of the parent test.
import type { StateStore } from '@pickpost/core';
import { createPickPost } from '@pickpost/core';
import { DEMO_CLIENT } from '@pickpost/mock-post-server';
import { DEMO_KEYS } from '@pickpost/mock-woocommerce';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import type { NoteTransport } from '../src/plugin-notes';
import { createWooSync } from '../src/sync';
import { createWooClient } from '../src/woo-client';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const store: StateStore =
  process.env.CHILD_PG !== undefined
    ? createPostgresStateStore({ connectionString: env('CHILD_PG'), schema: env('CHILD_SCHEMA') })
    : createSqliteStateStore({ filename: env('CHILD_DB') });
const woo = createWooClient({
  url: env('CHILD_SHOP'),
  consumerKey: DEMO_KEYS.readWrite.consumerKey,
  consumerSecret: DEMO_KEYS.readWrite.consumerSecret,
  retry: { attempts: 8, baseDelayMs: 50 },
});
const pickpost = createPickPost(
  {
    variant: '4b',
    frankingLicense: '60013217',
    sender: VELO_SHOP,
    post: {
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      baseUrls: JSON.parse(env('CHILD_POST')),
    },
    selectionSecret: env('CHILD_SELECTION_SECRET'),
    dataTransfer: { transport: { type: 'directory', dir: env('CHILD_DT') } },
  },
  { store },
);
const sync = createWooSync({
  woo,
  pickpost,
  store,
  batchSize: Number(process.env.CHILD_BATCH ?? 25),
  leaseMs: 1_500,
  debounceMs: 0,
  notes: { via: (process.env.CHILD_NOTES ?? 'auto') as NoteTransport },
});

const name = process.env.CHILD_NAME ?? 'child';
if (process.env.KILL_DEBUG !== undefined) {
  const states: Record<string, number> = {};
  for (const entry of await store.list(`${sync.queue.prefix}o:`, { limit: 100_000 })) {
    const state = (JSON.parse(entry.value) as { state: string }).state;
    states[state] = (states[state] ?? 0) + 1;
  }
  const queued = await store.list(`${sync.queue.prefix}q:`, { limit: 100_000 });
  process.stdout.write(
    `${name} start ${JSON.stringify(states)} items ${queued.length} pending ${await sync.queue.pending()}\n`,
  );
}
let fulfilled = 0;
// Until every order is done: a pass that claims nothing may only mean others hold the rest.
// Ends only after a poll of its own found nothing left: before that, another process may be
// still taking the orders in.
for (let idle = 0, polled = false; idle < 40; ) {
  if ((await sync.poll()) !== undefined) polled = true;
  const report = await sync.work();
  fulfilled += report.fulfilled;
  if (report.fulfilled > 0) process.stdout.write(`${name} fulfilled ${report.fulfilled}\n`);
  if (report.claimed > 0) {
    idle = 0;
    continue;
  }
  if (polled && (await sync.queue.pending()) === 0) break;
  idle += 1;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
process.stdout.write(`${name} done ${fulfilled}\n`);
woo.close();
await store.close();
