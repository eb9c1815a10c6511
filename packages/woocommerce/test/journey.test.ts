import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META } from '../src/order-mapping';
import { NOTE_META } from '../src/plugin-notes';
import type { JourneyVariant } from './journey-kit';
import { metaOf, ownNotes, requestsTo, useJourneys } from './journey-kit';
import { orderBody } from './shop-fixtures';

const journey = useJourneys();

const ORDERS = 130;

describe.each<[JourneyVariant, string]>([
  [2, 'datatransfer'],
  ['4b', 'datatransfer'],
  [1, 'barcode-webservice'],
])('the journey in variant %s', (variant, transmission) => {
  it(`polls ${ORDERS} checkout orders, makes their labels and writes back in batches of ≤ 100`, async () => {
    const j = await journey(variant);
    const ids: number[] = [];
    for (let customer = 1; customer <= ORDERS; customer++)
      ids.push((await j.checkout(customer)).id);
    const other = j.shop.shop.createOrder({
      status: 'processing',
      line_items: [{ sku: 'BOT-750', quantity: 1 }],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Post', total: '9.00' }],
    });
    const before = j.shop.state.requests.length;

    const report = await j.sync().runOnce();
    expect(report).toMatchObject({ fulfilled: ORDERS, held: 0, retried: 0 });

    const identcodes = new Set<string>();
    for (const id of ids) {
      const order = j.shop.state.order(id);
      expect(order?.status).toBe('completed');
      const identcode = metaOf(j.shop, id, META.identcode) as string;
      expect(identcode).toMatch(/^9960013217\d{8}$/);
      identcodes.add(identcode);
      expect(metaOf(j.shop, id, META.trackingUrl)).toContain(identcode);
      expect(metaOf(j.shop, id, META.labelUrl)).toBe(
        `https://sync.example.ch/pickpost/labels/${identcode}`,
      );
      expect(metaOf(j.shop, id, META.transmission)).toBe(transmission);
      expect(metaOf(j.shop, id, META.sync)).toMatch(/^[0-9a-f]{20}$/);
      const notes = ownNotes(j.shop, id);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.customer_note).toBe(false);
      expect(notes[0]?.note).toContain('PickPost label created');
    }
    expect(identcodes.size).toBe(ORDERS);
    // The order that does not ship with PickPost is left alone.
    expect(j.shop.state.order(other.id)?.status).toBe('processing');
    expect(ownNotes(j.shop, other.id)).toEqual([]);

    // One batched write-back per 100 orders, and no per-order order writes. This shop has no
    // PickPost plugin: the first batch's answer shows it (the note meta is still there), so one
    // more batch deletes that meta and the notes go by REST from then on (`notes.via` auto).
    const batches = j.shop.state.requests.filter((r) => r.restRoute === '/wc/v3/orders/batch');
    expect(batches.map((r) => JSON.stringify(r.body).includes(META.identcode))).toEqual([
      true,
      false,
      true,
    ]);
    expect(JSON.stringify(batches[1]?.body)).toContain(`"key":"${NOTE_META.pending}","value":null`);
    const writes = j.shop.state.requests
      .slice(before)
      .filter((r) => r.method !== 'GET' && /^\/wc\/v3\/orders\/\d+$/.test(r.restRoute));
    expect(writes).toEqual([]);
    // The status change travels with the tracking data in the same item.
    const batch = j.shop.state.requests.find((r) => r.restRoute === '/wc/v3/orders/batch');
    const item = (batch?.body as { update?: Record<string, unknown>[] } | undefined)?.update?.[0];
    expect(item).toMatchObject({ status: 'completed' });
    expect(JSON.stringify(item)).toContain(META.trackingUrl);

    if (transmission === 'datatransfer') {
      expect(await j.pickpost.dataTransferCounts()).toMatchObject({ pending: ORDERS });
      await j.pickpost.flushDataTransfer();
      const files = readdirSync(j.dir);
      expect(files.length).toBeGreaterThan(0);
      const xml = files.map((file) => readFileSync(join(j.dir, file), 'utf8')).join('');
      for (const identcode of identcodes) expect(xml).toContain(identcode);
    } else {
      for (const identcode of identcodes) expect(j.post.state.labels.has(identcode)).toBe(true);
    }

    // A second run finds the orders again (their own write-back moved them) and does nothing.
    const writesBefore = requestsTo(j.shop, 'POST', /^\/wc\/v3\/orders/);
    const again = await j.sync().runOnce();
    expect(again).toMatchObject({ claimed: 0, fulfilled: 0 });
    expect(requestsTo(j.shop, 'POST', /^\/wc\/v3\/orders/)).toBe(writesBefore);
  });

  it('puts an order without a valid selection on hold with a note, and makes no label', async () => {
    const j = await journey(variant);
    const good = await j.checkout(1);
    const missing = j.shop.shop.createOrder(orderBody({ meta_data: [] }));
    const tampered = await j.checkout(2);
    const selection = metaOf(j.shop, tampered.id, META.selection) as string;
    const forged = `${selection.slice(0, -4)}AAAA`;
    j.shop.shop.updateMeta(tampered.id, (meta) =>
      meta.map((row) => (row.key === META.selection ? { ...row, value: forged } : row)),
    );

    const report = await j.sync().runOnce();
    expect(report).toMatchObject({ fulfilled: 1, held: 2 });
    expect(j.shop.state.order(good.id)?.status).toBe('completed');
    for (const id of [missing.id, tampered.id]) {
      expect(j.shop.state.order(id)?.status).toBe('on-hold');
      expect(metaOf(j.shop, id, META.identcode)).toBeUndefined();
      const notes = ownNotes(j.shop, id);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.note).toContain('no label was made');
    }
    expect(ownNotes(j.shop, missing.id)[0]?.note).toContain(META.selection);
    expect(ownNotes(j.shop, tampered.id)[0]?.note).toMatch(/SELECTION_INVALID|selection/i);
    const dead = await j.sync().queue.deadLetters();
    expect(dead.map((d) => d.orderId).sort()).toEqual([missing.id, tampered.id].sort());
  });
});
