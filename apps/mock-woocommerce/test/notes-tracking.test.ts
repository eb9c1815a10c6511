import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockWooCommerce } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api, createReceiver } from './helpers';

let woo: MockWooCommerce;
let orderId: number;

beforeAll(async () => {
  woo = await createMockWooCommerce({ shipmentTracking: true, webhookRepeat: 1 });
  orderId = (
    await api(woo, 'POST', 'orders', {
      line_items: [{ sku: 'JKT-RAIN-M' }],
      shipping: { postcode: '3011' },
    })
  ).json.id;
});
afterAll(() => woo.close());

describe('order notes', () => {
  it('creates notes as the system or the key’s user, lists them newest first, filters by type', async () => {
    const internal = await api(woo, 'POST', `orders/${orderId}/notes`, { note: 'Label printed' });
    expect(internal.status).toBe(201);
    expect(internal.headers.location).toBe(
      `${woo.httpsUrl}/wp-json/wc/v3/orders/${orderId}/notes/${internal.json.id}`,
    );
    expect(internal.json).toEqual({
      id: internal.json.id,
      author: 'system',
      date_created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      date_created_gmt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      note: 'Label printed',
      customer_note: false,
      _links: {
        self: [
          { href: `${woo.httpsUrl}/wp-json/wc/v3/orders/${orderId}/notes/${internal.json.id}` },
        ],
        collection: [{ href: `${woo.httpsUrl}/wp-json/wc/v3/orders/${orderId}/notes` }],
        up: [{ href: `${woo.httpsUrl}/wp-json/wc/v3/orders/${orderId}` }],
      },
    });
    const customer = await api(woo, 'POST', `orders/${orderId}/notes`, {
      note: 'Ihr Paket liegt in der PickPost-Stelle bereit.',
      customer_note: true,
      added_by_user: true,
    });
    expect(customer.json).toMatchObject({ author: 'Shop Manager', customer_note: true });
    const all = await api(woo, 'GET', `orders/${orderId}/notes`);
    expect(all.json.map((note: any) => note.id)).toEqual([customer.json.id, internal.json.id]);
    expect(all.headers['x-wp-total']).toBeUndefined();
    expect(
      (await api(woo, 'GET', `orders/${orderId}/notes?type=customer`)).json.map(
        (note: any) => note.id,
      ),
    ).toEqual([customer.json.id]);
    expect(
      (await api(woo, 'GET', `orders/${orderId}/notes?type=internal`)).json.map(
        (note: any) => note.id,
      ),
    ).toEqual([internal.json.id]);
    expect((await api(woo, 'GET', `orders/${orderId}/notes/${internal.json.id}`)).json.note).toBe(
      'Label printed',
    );
  });

  it('uses WooCommerce’s codes for missing orders, missing notes, a missing note text and delete without force', async () => {
    expect(await api(woo, 'POST', 'orders/999999/notes', { note: 'x' })).toMatchObject({
      status: 404,
      json: { code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.' },
    });
    expect(await api(woo, 'GET', 'orders/999999/notes')).toMatchObject({
      status: 404,
      json: { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid order ID.' },
    });
    expect(await api(woo, 'GET', `orders/${orderId}/notes/999999`)).toMatchObject({
      status: 404,
      json: { code: 'woocommerce_rest_invalid_id', message: 'Invalid resource ID.' },
    });
    expect(await api(woo, 'POST', `orders/${orderId}/notes`, {})).toMatchObject({
      status: 400,
      json: { code: 'rest_missing_callback_param', message: 'Missing parameter(s): note' },
    });
    const note = (await api(woo, 'POST', `orders/${orderId}/notes`, { note: 'temporary' })).json;
    expect(await api(woo, 'DELETE', `orders/${orderId}/notes/${note.id}`)).toMatchObject({
      status: 501,
      json: { code: 'woocommerce_rest_trash_not_supported' },
    });
    const deleted = await api(woo, 'DELETE', `orders/${orderId}/notes/${note.id}?force=true`);
    expect(deleted).toMatchObject({ status: 200, json: { id: note.id, note: 'temporary' } });
    expect((await api(woo, 'GET', `orders/${orderId}/notes/${note.id}`)).status).toBe(404);
  });
});

describe('Shipment Tracking extension', () => {
  it('is off unless asked for', async () => {
    await using plain = await createMockWooCommerce({});
    const answer = await rawTracking(plain, 'GET', `orders/${orderId}/shipment-trackings`);
    expect(answer.json.code).toBe('rest_no_route');
  });

  it('adds, lists, reads and deletes trackings, kept in the order meta, each an order update', async () => {
    const receiver = await createReceiver();
    try {
      await api(woo, 'POST', 'webhooks', {
        topic: 'order.updated',
        delivery_url: receiver.url,
        secret: 's',
      });
      const created = await rawTracking(woo, 'POST', `orders/${orderId}/shipment-trackings`, {
        tracking_provider: 'Swiss Post',
        tracking_number: '99.60.013217.00005959',
        date_shipped: '2026-07-02',
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        tracking_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        tracking_provider: 'Swiss Post',
        tracking_link: 'https://service.post.ch/ekp-web/ui/entry/search/99.60.013217.00005959',
        tracking_number: '99.60.013217.00005959',
        date_shipped: '2026-07-02',
      });
      const custom = await rawTracking(woo, 'POST', `orders/${orderId}/shipment-trackings`, {
        custom_tracking_provider: 'PickPost',
        custom_tracking_link: 'https://example.ch/track?n=%1$s&zip=%2$s',
        tracking_number: 'PP 1',
      });
      expect(custom.json).toMatchObject({
        tracking_provider: 'PickPost',
        tracking_link: 'https://example.ch/track?n=PP%201&zip=3011',
      });
      const listed = await rawTracking(woo, 'GET', `orders/${orderId}/shipment-trackings`);
      expect(listed.json.map((item: any) => item.tracking_id)).toEqual([
        created.json.tracking_id,
        custom.json.tracking_id,
      ]);
      const meta = woo.state
        .order(orderId)
        ?.meta_data.find((row) => row.key === '_wc_shipment_tracking_items');
      expect(((meta?.value ?? []) as any[]).map((item) => item.tracking_number)).toEqual([
        '99.60.013217.00005959',
        'PP 1',
      ]);
      await woo.settled();
      expect(receiver.events().length).toBeGreaterThanOrEqual(1);

      const removed = await rawTracking(
        woo,
        'DELETE',
        `orders/${orderId}/shipment-trackings/${created.json.tracking_id}`,
      );
      expect(removed.json.tracking_id).toBe(created.json.tracking_id);
      expect(
        (
          await rawTracking(
            woo,
            'GET',
            `orders/${orderId}/shipment-trackings/${created.json.tracking_id}`,
          )
        ).status,
      ).toBe(404);
      expect(
        (await rawTracking(woo, 'POST', `orders/${orderId}/shipment-trackings`, {})).json.code,
      ).toBe('rest_missing_callback_param');
      expect((await rawTracking(woo, 'GET', 'orders/999999/shipment-trackings')).json.code).toBe(
        'woocommerce_rest_order_invalid_id',
      );
      expect(
        (await rawTracking(woo, 'GET', `orders/${orderId}/shipment-trackings/providers`)).json
          .Switzerland,
      ).toHaveProperty('Swiss Post');
    } finally {
      await receiver.close();
    }
  });
});

/** The tracking routes live outside `wc/v3`, under `wc-shipment-tracking/v3`. */
function rawTracking(target: MockWooCommerce, method: string, route: string, body?: unknown) {
  return api(target, method, `/wc-shipment-tracking/v3/${route}`, body);
}
