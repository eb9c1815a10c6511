import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockWooCommerce } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api } from './helpers';

let withPlugin: MockWooCommerce;
let without: MockWooCommerce;

beforeAll(async () => {
  [withPlugin, without] = await Promise.all([
    createMockWooCommerce({ pickpostPlugin: true, webhookRepeat: 1 }),
    createMockWooCommerce({ webhookRepeat: 1 }),
  ]);
});
afterAll(() => Promise.all([withPlugin.close(), without.close()]));

const newOrder = async (woo: MockWooCommerce) =>
  (await api(woo, 'POST', 'orders', { line_items: [{ sku: 'JKT-RAIN-M' }] })).json.id as number;
const metaOf = (order: any, key: string) =>
  order.meta_data.find((row: any) => row.key === key)?.value;
const notesOf = async (woo: MockWooCommerce, id: number) =>
  (await api(woo, 'GET', `orders/${id}/notes`)).json.map((note: any) => note.note) as string[];

describe('the PickPost plugin note hook (simulated)', () => {
  it('turns the pending meta of batch items into one note each and removes the meta from the answer', async () => {
    const [a, b] = [await newOrder(withPlugin), await newOrder(withPlugin)];
    const batch = await api(withPlugin, 'POST', 'orders/batch', {
      update: [
        { id: a, meta_data: [{ key: '_pickpost_note_pending', value: 'Label A' }] },
        {
          id: b,
          meta_data: [
            { key: '_pickpost_note_pending', value: 'Label B' },
            { key: '_pickpost_note_customer', value: 'yes' },
          ],
        },
      ],
    });
    expect(batch.status).toBe(200);
    for (const item of batch.json.update) {
      expect(metaOf(item, '_pickpost_note_pending')).toBeUndefined();
      expect(metaOf(item, '_pickpost_note_customer')).toBeUndefined();
    }
    expect(metaOf(batch.json.update[0], '_pickpost_noted')).toBe(
      createHash('sha1').update('Label A').digest('hex'),
    );
    expect(await notesOf(withPlugin, a)).toContain('Label A');
    const bNotes = (await api(withPlugin, 'GET', `orders/${b}/notes`)).json;
    expect(bNotes.find((note: any) => note.note === 'Label B')).toMatchObject({
      customer_note: true,
      author: 'system',
    });
    // The stored order has no pending meta either.
    const stored = (await api(withPlugin, 'GET', `orders/${a}`)).json;
    expect(metaOf(stored, '_pickpost_note_pending')).toBeUndefined();
  });

  it('a batch sent again (a retry after a crash) adds no second note', async () => {
    const id = await newOrder(withPlugin);
    const item = { id, meta_data: [{ key: '_pickpost_note_pending', value: 'Label once' }] };
    await api(withPlugin, 'POST', 'orders/batch', { update: [item] });
    await api(withPlugin, 'PUT', `orders/${id}`, { meta_data: item.meta_data });
    await api(withPlugin, 'POST', 'orders/batch', { update: [item] });
    expect((await notesOf(withPlugin, id)).filter((note) => note === 'Label once')).toHaveLength(1);
    // Another text is another note.
    await api(withPlugin, 'POST', 'orders/batch', {
      update: [{ id, meta_data: [{ key: '_pickpost_note_pending', value: 'Label twice' }] }],
    });
    expect(await notesOf(withPlugin, id)).toEqual(
      expect.arrayContaining(['Label once', 'Label twice']),
    );
  });

  it('without the plugin the meta is kept as any meta and no note appears', async () => {
    const id = await newOrder(without);
    const batch = await api(without, 'POST', 'orders/batch', {
      update: [{ id, meta_data: [{ key: '_pickpost_note_pending', value: 'Label C' }] }],
    });
    expect(metaOf(batch.json.update[0], '_pickpost_note_pending')).toBe('Label C');
    expect(await notesOf(without, id)).not.toContain('Label C');
  });
});
