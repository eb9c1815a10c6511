import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPickPost } from '@pickpost/core';
import { createRandom, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { NOTE_META } from '../src/plugin-notes';
import { startSyncChild } from './child-runner';
import { metaOf, ownNotes, SELECTION_SECRET, startJourney } from './journey-kit';

const ORDERS = 500;
const KILLS = 10;

type Journey = Awaited<ReturnType<typeof startJourney>>;

// Both ways a note reaches the shop: one request each (a shop without the PickPost plugin, found
// out by `auto`), and inside the batched write-back for the plugin (`plugin`), where a batch sent
// again after a kill must not note twice.
describe.each([
  { via: 'auto', plugin: false },
  { via: 'plugin', plugin: true },
] as const)('exactly once across crashes (notes via $via, plugin $plugin)', ({ via, plugin }) => {
  let j: Journey;
  let dir: string;
  const ids: number[] = [];

  beforeAll(async () => {
    // 20 ms per shop request, as a real shop answers at best: the kills land inside the work.
    j = await startJourney('4b', { shop: { latencyMs: 20, pickpostPlugin: plugin } });
    dir = mkdtempSync(join(tmpdir(), 'pickpost-woo-kill-'));
    for (let customer = 1; customer <= ORDERS; customer++)
      ids.push((await j.checkout(customer)).id);
  }, 120_000);
  afterAll(async () => {
    await j.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${KILLS} kills at seeded random moments over ${ORDERS} orders: one label, one note each`, async () => {
    const random = createRandom(plugin ? 17 : 16);
    const env = {
      CHILD_DB: join(dir, 'state.db'),
      CHILD_SHOP: j.shop.url,
      CHILD_POST: JSON.stringify(j.post.baseUrls),
      CHILD_SELECTION_SECRET: SELECTION_SECRET,
      CHILD_DT: join(dir, 'datatransfer'),
      CHILD_BATCH: '10',
      CHILD_NOTES: via,
    };
    let interrupted = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startSyncChild({ ...env, CHILD_NAME: `run-${kill}` });
      // Wait for the first batch, then kill at a random moment within the next 1.2 s: during
      // fulfilment, the batched write-back, the notes or the store's commits.
      const started = Date.now();
      while (!/fulfilled/.test(child.output()) && child.child.exitCode === null) {
        if (Date.now() - started > 30_000) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 1_200)));
      if (child.child.exitCode === null) {
        interrupted += 1;
        child.child.kill('SIGKILL');
      }
      await child.exited;
    }
    const last = startSyncChild({ ...env, CHILD_NAME: 'last' });
    expect(await last.exited).toBe(0);
    expect(last.output()).toContain('last done');
    expect(interrupted).toBeGreaterThanOrEqual(KILLS / 2);

    const identcodes = new Set<string>();
    for (const id of ids) {
      expect(j.shop.state.order(id)?.status).toBe('completed');
      identcodes.add(metaOf(j.shop, id, META.identcode) as string);
      const notes = ownNotes(j.shop, id);
      expect(notes.map((note) => note.note)).toHaveLength(1);
      // The note's meta never stays behind (the plugin deletes it; without it the sync does).
      expect(metaOf(j.shop, id, NOTE_META.pending)).toBeUndefined();
    }
    expect(identcodes.size).toBe(ORDERS);

    // One DataTransfer record per parcel: the outbox holds each shipment once.
    const store = createSqliteStateStore({ filename: env.CHILD_DB });
    try {
      const pickpost = createPickPost(
        {
          variant: '4b',
          frankingLicense: '60013217',
          sender: VELO_SHOP,
          post: { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret },
          selectionSecret: SELECTION_SECRET,
          dataTransfer: { transport: { type: 'directory', dir: env.CHILD_DT } },
        },
        { store },
      );
      expect(await pickpost.dataTransferCounts()).toMatchObject({ pending: ORDERS });
      await pickpost.flushDataTransfer();
      const xml = readdirSync(env.CHILD_DT)
        .map((file) => readFileSync(join(env.CHILD_DT, file), 'utf8'))
        .join('');
      for (const identcode of identcodes) expect(xml.split(identcode).length - 1).toBe(1);
    } finally {
      await store.close();
    }
  }, 300_000);
});
