import type { StateStore } from '@pickpost/core';
import { createMemoryStateStore } from '@pickpost/core';
import { describe, expect, it } from 'vitest';
import type { WooOrder } from './woo-types';
import { createWorkQueue } from './work-queue';

const order = (id: number, modified: string): WooOrder => ({
  id,
  status: 'processing',
  date_modified_gmt: modified,
  customer_id: 0,
  billing: {},
  shipping: {},
  line_items: [],
  shipping_lines: [],
  meta_data: [],
});

/** The store, counting the `get` calls the queue makes. */
function countingStore(): { store: StateStore; gets: () => number } {
  const inner = createMemoryStateStore();
  let gets = 0;
  const store: StateStore = {
    ...inner,
    get: (key) => {
      gets += 1;
      return inner.get(key);
    },
  };
  return { store, gets: () => gets };
}

describe('the work queue', () => {
  it('ends a batch without reading the order records when they did not change', async () => {
    const { store, gets } = countingStore();
    const queue = createWorkQueue({ store, now: () => 1_000 });
    const ingested = [1, 2, 3].map((id) => ({
      order: order(id, '2026-12-03T10:00:00'),
      action: 'fulfil' as const,
      notBefore: 0,
    }));
    expect(await queue.ingest(ingested)).toBe(3);
    // A newer snapshot of order 2 before the claim: its record and item change together.
    expect(
      await queue.ingest([{ ...ingested[1], order: order(2, '2026-12-03T10:05:00') } as never]),
    ).toBe(1);
    const claimed = await queue.claim(10);
    expect(claimed).toHaveLength(3);
    const before = gets();
    await queue.complete(claimed.map((c) => ({ claimed: c, record: { state: 'done' as const } })));
    expect(gets() - before).toBe(0);
    expect(await queue.readOrder(2)).toMatchObject({
      state: 'done',
      modified: '2026-12-03T10:05:00',
    });
    expect(await queue.pending()).toBe(0);
  });

  it('reads a record that moved on since its item was written, and keeps its newer snapshot time', async () => {
    const { store } = countingStore();
    const queue = createWorkQueue({ store, now: () => 1_000 });
    await queue.ingest([
      { order: order(7, '2026-12-03T10:00:00'), action: 'fulfil', notBefore: 0 },
    ]);
    const [claimed] = await queue.claim(10);
    // Another writer records a later snapshot time on the record alone.
    const key = `${queue.prefix}o:7`;
    const record = await store.get(key);
    const moved = JSON.parse(record?.value ?? '{}');
    await store.compareAndSet(
      key,
      record?.version ?? 0,
      JSON.stringify({ ...moved, modified: '2026-12-03T11:00:00' }),
    );
    await queue.complete([
      { claimed: claimed as never, record: { state: 'done', identcode: 'x' } },
    ]);
    expect(await queue.readOrder(7)).toMatchObject({
      state: 'done',
      identcode: 'x',
      modified: '2026-12-03T11:00:00',
    });
    expect(await queue.pending()).toBe(0);
    expect(await store.list(`${queue.prefix}q:`)).toEqual([]);
  });
});
