import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerKey } from '../src/auth';
import type { MockWooCommerce } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api, basicAuth, rawRequest } from './helpers';

let woo: MockWooCommerce;
let clock = Date.parse('2026-07-01T10:00:00Z');

beforeAll(async () => {
  woo = await createMockWooCommerce({ now: () => clock });
});
afterAll(() => woo.close());

const ORDER_BODY = {
  payment_method: 'twint',
  payment_method_title: 'TWINT',
  customer_id: 3,
  billing: {
    first_name: 'Anna',
    last_name: 'Meier',
    address_1: 'Bahnhofstrasse 12',
    city: 'Zürich',
    postcode: '8001',
    country: 'CH',
    email: 'anna.meier@example.ch',
    phone: '+41 44 000 00 01',
  },
  shipping: {
    first_name: 'Anna',
    last_name: 'Meier',
    address_1: 'Bahnhofstrasse 12',
    city: 'Zürich',
    postcode: '8001',
    country: 'CH',
  },
  line_items: [
    { sku: 'BOT-750', quantity: 2, meta_data: [{ key: 'Engraving', value: 'A.M.' }] },
    { product_id: 101, quantity: 1 },
  ],
  shipping_lines: [
    {
      method_id: 'pickpost',
      method_title: 'PickPost',
      total: '7.50',
      meta_data: [{ key: 'point_id', value: '8001-T1' }],
    },
  ],
  meta_data: [{ key: '_pickpost_point_id', value: '8001-T1' }],
};

async function newOrder(body: Record<string, unknown> = ORDER_BODY) {
  const created = await api(woo, 'POST', 'orders', body);
  expect(created.status).toBe(201);
  return created.json;
}

describe('the v3 order object', () => {
  it('has every documented field with its type, money as strings, dates with and without _gmt', async () => {
    const order = await newOrder();
    expect(Object.keys(order)).toEqual([
      'id',
      'parent_id',
      'number',
      'order_key',
      'created_via',
      'version',
      'status',
      'currency',
      'date_created',
      'date_created_gmt',
      'date_modified',
      'date_modified_gmt',
      'discount_total',
      'discount_tax',
      'shipping_total',
      'shipping_tax',
      'cart_tax',
      'total',
      'total_tax',
      'prices_include_tax',
      'customer_id',
      'customer_ip_address',
      'customer_user_agent',
      'customer_note',
      'billing',
      'shipping',
      'payment_method',
      'payment_method_title',
      'transaction_id',
      'date_paid',
      'date_paid_gmt',
      'date_completed',
      'date_completed_gmt',
      'cart_hash',
      'meta_data',
      'line_items',
      'tax_lines',
      'shipping_lines',
      'fee_lines',
      'coupon_lines',
      'refunds',
      'payment_url',
      'is_editable',
      'needs_payment',
      'needs_processing',
      '_links',
    ]);
    expect(order).toMatchObject({
      number: String(order.id),
      order_key: expect.stringMatching(/^wc_order_[A-Za-z0-9]{13}$/),
      created_via: 'rest-api',
      status: 'pending',
      currency: 'CHF',
      // Zurich is at +02:00 in July: local and GMT, neither with a zone.
      date_created: '2026-07-01T12:00:00',
      date_created_gmt: '2026-07-01T10:00:00',
      shipping_total: '7.50',
      total: '57.80',
      total_tax: '0.00',
      prices_include_tax: false,
      customer_id: 3,
      date_paid: null,
      date_paid_gmt: null,
      needs_payment: true,
      needs_processing: true,
      is_editable: true,
    });
    expect(order.billing.email).toBe('anna.meier@example.ch');
    expect(order.shipping).not.toHaveProperty('email');
    expect(order.meta_data).toEqual([
      { id: expect.any(Number), key: '_pickpost_point_id', value: '8001-T1' },
    ]);
    const [bottle, lock] = order.line_items;
    expect(bottle).toMatchObject({
      name: 'Trinkflasche 750 ml',
      product_id: 100,
      quantity: 2,
      subtotal: '25.80',
      total: '25.80',
      sku: 'BOT-750',
      price: 12.9,
      taxes: [],
    });
    expect(bottle.meta_data).toEqual([
      {
        id: expect.any(Number),
        key: 'Engraving',
        value: 'A.M.',
        display_key: 'Engraving',
        display_value: 'A.M.',
      },
    ]);
    expect(lock).toMatchObject({ product_id: 101, sku: 'LOCK-CAB', total: '24.50' });
    expect(order.shipping_lines).toEqual([
      {
        id: expect.any(Number),
        method_title: 'PickPost',
        method_id: 'pickpost',
        instance_id: '',
        total: '7.50',
        total_tax: '0.00',
        taxes: [],
        meta_data: [
          {
            id: expect.any(Number),
            key: 'point_id',
            value: '8001-T1',
            display_key: 'point_id',
            display_value: '8001-T1',
          },
        ],
      },
    ]);
    expect(order._links).toEqual({
      self: [{ href: `${woo.httpsUrl}/wp-json/wc/v3/orders/${order.id}` }],
      collection: [{ href: `${woo.httpsUrl}/wp-json/wc/v3/orders` }],
      customer: [{ href: `${woo.httpsUrl}/wp-json/wc/v3/customers/3` }],
    });
  });

  it('escapes JSON as PHP does (\\/ and \\u00fc) and honours dp', async () => {
    const order = await newOrder();
    const raw = await api(woo, 'GET', `orders/${order.id}?dp=3`);
    expect(raw.text).toContain('"city":"Z\\u00fcrich"');
    expect(raw.text).toContain('https:\\/\\/');
    expect(raw.json.total).toBe('57.800');
  });

  it('answers create with 201 and Location, and each missing order with WooCommerce’s status', async () => {
    const created = await api(woo, 'POST', 'orders', {});
    expect(created.headers.location).toBe(
      `${woo.httpsUrl}/wp-json/wc/v3/orders/${created.json.id}`,
    );
    const missing = { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' };
    expect(await api(woo, 'GET', 'orders/999999')).toMatchObject({
      status: 404,
      json: { ...missing, data: { status: 404 } },
    });
    expect(await api(woo, 'PUT', 'orders/999999', { status: 'completed' })).toMatchObject({
      status: 400,
      json: { ...missing, data: { status: 400 } },
    });
    expect(await api(woo, 'DELETE', 'orders/999999')).toMatchObject({ status: 404, json: missing });
    expect(await api(woo, 'POST', 'orders', { id: 5 })).toMatchObject({
      status: 400,
      json: {
        code: 'woocommerce_rest_shop_order_exists',
        message: 'Cannot create existing shop_order.',
      },
    });
  });

  it('validates types as WordPress does: money must be a string, statuses from the list', async () => {
    const numeric = await api(woo, 'POST', 'orders', {
      line_items: [{ product_id: 100, total: 12.5 }],
    });
    expect(numeric.status).toBe(400);
    expect(numeric.json).toEqual({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): line_items',
      data: {
        status: 400,
        params: { line_items: 'line_items[0][total] is not of type string.' },
        details: {
          line_items: {
            code: 'rest_invalid_type',
            message: 'line_items[0][total] is not of type string.',
            data: null,
          },
        },
      },
    });
    const status = await api(woo, 'POST', 'orders', {
      status: 'shipped',
      billing: { email: 'not-an-email' },
    });
    expect(status.json.message).toBe('Invalid parameter(s): status, billing');
    expect(status.json.data.params.status).toBe(
      'status is not one of auto-draft, pending, processing, on-hold, completed, cancelled, refunded, failed, and checkout-draft.',
    );
    expect(status.json.data.details.billing.code).toBe('rest_invalid_email');
    expect(await api(woo, 'POST', 'orders', { line_items: [{ quantity: 1 }] })).toMatchObject({
      status: 400,
      json: {
        code: 'woocommerce_rest_required_product_reference',
        message: 'Product ID or SKU is required.',
      },
    });
    expect(await api(woo, 'POST', 'orders', { customer_id: 77 })).toMatchObject({
      status: 400,
      json: { code: 'woocommerce_rest_invalid_customer_id' },
    });
  });

  it('leaves a checkout-draft behind when a coupon fails after the first save', async () => {
    const before = woo.state.orderCount;
    const answer = await api(woo, 'POST', 'orders', {
      line_items: [{ product_id: 100 }],
      coupon_lines: [{ code: 'SUMMER' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      code: 'woocommerce_rest_invalid_coupon',
      message: 'Coupon "summer" does not exist!',
    });
    expect(woo.state.orderCount).toBe(before + 1);
    expect(woo.state.order(answer.json.data.new_draft_order_id)?.status).toBe('checkout-draft');
  });
});

describe('updates', () => {
  it('changes only what is sent', async () => {
    const order = await newOrder();
    clock += 60_000;
    const updated = await api(woo, 'PUT', `orders/${order.id}`, {
      billing: { city: 'Winterthur' },
      customer_note: 'Bitte klingeln',
    });
    expect(updated.status).toBe(200);
    expect(updated.json.billing).toEqual({ ...order.billing, city: 'Winterthur' });
    expect(updated.json.customer_note).toBe('Bitte klingeln');
    expect(updated.json.line_items).toEqual(order.line_items);
    expect(updated.json.date_modified_gmt).toBe('2026-07-01T10:01:00');
    // POST and PATCH update too.
    expect(
      (await api(woo, 'PATCH', `orders/${order.id}`, { customer_note: '' })).json.customer_note,
    ).toBe('');
  });

  it('adds a second shipping line when the line id is missing, edits it with the id, removes it with method_id null', async () => {
    const order = await newOrder();
    const [line] = order.shipping_lines;
    const doubled = await api(woo, 'PUT', `orders/${order.id}`, {
      shipping_lines: [{ method_id: 'pickpost', total: '7.50' }],
    });
    expect(doubled.json.shipping_lines).toHaveLength(2);
    expect(doubled.json.shipping_total).toBe('15.00');
    const edited = await api(woo, 'PUT', `orders/${order.id}`, {
      shipping_lines: [{ id: line.id, method_title: 'PickPost (Zürich HB)', total: '5.00' }],
    });
    expect(edited.json.shipping_lines[0]).toMatchObject({
      id: line.id,
      method_title: 'PickPost (Zürich HB)',
      total: '5.00',
      method_id: 'pickpost',
    });
    expect(edited.json.shipping_total).toBe('12.50');
    const removed = await api(woo, 'PUT', `orders/${order.id}`, {
      shipping_lines: [{ id: line.id, method_id: null }],
    });
    expect(removed.json.shipping_lines.map((shipping: any) => shipping.id)).not.toContain(line.id);
    expect(
      await api(woo, 'PUT', `orders/${order.id}`, { shipping_lines: [{ id: 1, total: '1.00' }] }),
    ).toMatchObject({
      status: 400,
      json: {
        code: 'woocommerce_rest_invalid_item_id',
        message: 'Order item ID provided is not associated with order.',
      },
    });
  });

  it('updates meta by key collapsing duplicates, by id (renaming), deletes with null, and returns scalars as strings', async () => {
    const order = await newOrder({
      meta_data: [
        { key: 'carrier', value: 'post' },
        { key: 'count', value: 3 },
        { key: 'flags', value: { ok: true } },
      ],
    });
    // Make duplicates the way plugins do (add_meta_data without unique).
    woo.shop.updateMeta(order.id, (rows) => [
      ...rows,
      { id: 90_001, key: 'carrier', value: 'dhl' },
      { id: 90_002, key: 'carrier', value: 'ups' },
    ]);
    const byId = (json: any) => Object.fromEntries(json.meta_data.map((row: any) => [row.id, row]));
    const initial = (await api(woo, 'GET', `orders/${order.id}`)).json;
    expect(initial.meta_data.filter((row: any) => row.key === 'carrier')).toHaveLength(3);
    expect(byId(initial)[initial.meta_data[1].id].value).toBe('3');
    expect(initial.meta_data[2].value).toEqual({ ok: true });

    const collapsed = await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [{ key: 'carrier', value: 'swiss-post' }],
    });
    const carriers = collapsed.json.meta_data.filter((row: any) => row.key === 'carrier');
    expect(carriers).toEqual([
      { id: initial.meta_data[0].id, key: 'carrier', value: 'swiss-post' },
    ]);

    const countId = initial.meta_data[1].id;
    const renamed = await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [{ id: countId, key: 'parcel_count', value: 4 }],
    });
    expect(byId(renamed.json)[countId]).toEqual({ id: countId, key: 'parcel_count', value: '4' });

    const unknownId = await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [{ id: 424_242, key: 'carrier', value: 'new' }],
    });
    const afterUnknown = unknownId.json.meta_data.filter((row: any) => row.key === 'carrier');
    expect(afterUnknown).toHaveLength(1);
    expect(afterUnknown[0].value).toBe('new');
    expect(afterUnknown[0].id).not.toBe(initial.meta_data[0].id);

    const deleted = await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [
        { key: 'parcel_count', value: null },
        { key: 'flags', value: {} },
      ],
    });
    expect(deleted.json.meta_data.map((row: any) => row.key)).toEqual(['flags', 'carrier']);
    expect(deleted.json.meta_data[0].value).toEqual([]);
  });

  it('turns internal meta keys into the fields they stand for', async () => {
    const order = await newOrder();
    const updated = await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [
        { key: '_billing_phone', value: '+41 79 000 00 00' },
        { key: '_order_total', value: '1.00' },
      ],
    });
    expect(updated.json.billing.phone).toBe('+41 79 000 00 00');
    expect(updated.json.total).toBe(order.total);
    expect(updated.json.meta_data.map((row: any) => row.key)).toEqual(['_pickpost_point_id']);
  });

  it('notes status changes and sets the paid and completed dates', async () => {
    const order = await newOrder({
      line_items: [{ product_id: 100 }],
      set_paid: true,
      transaction_id: 'TW-1',
    });
    expect(order).toMatchObject({
      status: 'processing',
      transaction_id: 'TW-1',
      date_paid_gmt: expect.any(String),
    });
    clock += 3_600_000;
    const completed = await api(woo, 'PUT', `orders/${order.id}`, { status: 'completed' });
    expect(completed.json.date_completed_gmt).toBe('2026-07-01T11:01:00');
    expect(woo.state.notes(order.id).map((note) => [note.author, note.note])).toEqual([
      ['system', 'Order status changed from Processing to Completed.'],
      ['system', 'Order status changed from Pending payment to Processing.'],
    ]);
  });
});

describe('delete', () => {
  it('trashes without force (a second time is 410), deletes for good with force', async () => {
    const order = await newOrder();
    const trashed = await api(woo, 'DELETE', `orders/${order.id}`);
    expect(trashed.status).toBe(200);
    expect(trashed.json.status).toBe('pending');
    expect((await api(woo, 'GET', `orders/${order.id}`)).json.status).toBe('trash');
    expect(await api(woo, 'DELETE', `orders/${order.id}`)).toMatchObject({
      status: 410,
      json: {
        code: 'woocommerce_rest_already_trashed',
        message: 'The shop_order has already been deleted.',
      },
    });
    const listed = (query: string) =>
      api(woo, 'GET', `orders?per_page=100&${query}`).then((answer) =>
        answer.json.map((o: any) => o.id),
      );
    expect(await listed('')).not.toContain(order.id);
    expect(await listed('status=trash')).toContain(order.id);
    const forced = await api(woo, 'DELETE', `orders/${order.id}?force=true`);
    expect(forced.json.id).toBe(order.id);
    expect((await api(woo, 'GET', `orders/${order.id}`)).status).toBe(404);
  });
});

describe('batch', () => {
  it('counts create, update and delete together against the 100-item limit', async () => {
    const answer = await api(woo, 'POST', 'orders/batch', {
      create: Array.from({ length: 50 }, () => ({})),
      delete: Array.from({ length: 51 }, (_, index) => index + 1),
    });
    expect(answer).toMatchObject({
      status: 413,
      json: {
        code: 'woocommerce_rest_request_entity_too_large',
        message: 'Unable to accept more than 100 items for this request.',
        data: { status: 413 },
      },
    });
  });

  it('answers 200 with each item’s own result or error, creates first, deletes forced', async () => {
    const first = await newOrder();
    const second = await newOrder();
    const answer = await api(woo, 'POST', 'orders/batch', {
      create: [{ line_items: [{ sku: 'TOOL-MINI' }] }, { line_items: [{ quantity: 2 }] }],
      update: [
        { id: first.id, status: 'on-hold' },
        { id: 999_999, status: 'completed' },
        { status: 'completed' },
      ],
      delete: [second.id, 999_998, 0],
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['create', 'update', 'delete']);
    expect(answer.json.create[0]).toMatchObject({
      status: 'pending',
      total: '19.00',
      _links: expect.any(Object),
    });
    expect(answer.json.create[1]).toEqual({
      id: 0,
      error: {
        code: 'woocommerce_rest_required_product_reference',
        message: 'Product ID or SKU is required.',
        data: { status: 400 },
      },
    });
    expect(answer.json.update[0]).toMatchObject({ id: first.id, status: 'on-hold' });
    expect(answer.json.update[1]).toEqual({
      id: 999_999,
      error: {
        code: 'woocommerce_rest_shop_order_invalid_id',
        message: 'Invalid ID.',
        data: { status: 400 },
      },
    });
    expect(answer.json.update[2]).toMatchObject({
      id: null,
      error: { code: 'woocommerce_rest_shop_order_invalid_id' },
    });
    expect(answer.json.delete).toHaveLength(2);
    expect(answer.json.delete[0].id).toBe(second.id);
    expect(answer.json.delete[1]).toMatchObject({ id: 999_998, error: { data: { status: 404 } } });
    // Batch deletes bypass the trash.
    expect(woo.state.order(second.id)).toBeUndefined();
  });

  it('names only the sections it received, and answers [] to an empty batch', async () => {
    const only = await api(woo, 'POST', 'orders/batch', { create: [{}], update: [] });
    expect(Object.keys(only.json)).toEqual(['create']);
    const empty = await api(woo, 'PUT', 'orders/batch', {});
    expect(empty).toMatchObject({ status: 200, json: [] });
  });
});

describe('routes', () => {
  it('serves ?rest_route= like /wp-json/, and answers rest_no_route for the rest', async () => {
    const order = await newOrder();
    const key = woo.keys[0] as ConsumerKey;
    const headers = {
      authorization: basicAuth(key),
      'content-type': 'application/json',
    };
    const viaQuery = await rawRequest(`${woo.httpsUrl}/?rest_route=/wc/v3/orders/${order.id}`, {
      headers,
      ca: woo.certificate as string,
    });
    expect(viaQuery.json).toEqual(order);
    expect(woo.state.requests.at(-1)).toMatchObject({
      route: 'orders',
      restRoute: `/wc/v3/orders/${order.id}`,
    });
    const unknown = await api(woo, 'GET', 'refunds');
    expect(unknown).toMatchObject({
      status: 404,
      json: {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      },
    });
    expect((await api(woo, 'PUT', 'orders')).json.code).toBe('rest_no_route');
    const invalidJson = await rawRequest(`${woo.httpsUrl}/wp-json/wc/v3/orders/${order.id}`, {
      method: 'PUT',
      headers,
      body: '{"status":',
      ca: woo.certificate as string,
    });
    // WordPress's parameter order: the body's id wins over the URL's.
    const other = await newOrder();
    const crossed = await api(woo, 'PUT', `orders/${order.id}`, {
      id: other.id,
      customer_note: 'which one?',
    });
    expect(crossed.json.id).toBe(other.id);
    expect(woo.state.order(other.id)?.customer_note).toBe('which one?');
    expect(woo.state.order(order.id)?.customer_note).toBe('');
    expect((await api(woo, 'GET', `orders/${order.id}?id=abc`)).json.data.params.id).toBe(
      'id is not of type integer.',
    );
    const overridden = await rawRequest(
      `${woo.httpsUrl}/wp-json/wc/v3/orders/${order.id}?_method=DELETE`,
      {
        method: 'POST',
        headers,
        ca: woo.certificate as string,
      },
    );
    expect(overridden.json.id).toBe(order.id);
    expect(woo.state.order(order.id)?.status).toBe('trash');
    const head = await rawRequest(`${woo.httpsUrl}/wp-json/wc/v3/orders?per_page=1`, {
      method: 'HEAD',
      headers,
      ca: woo.certificate as string,
    });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers['x-wp-total'])).toBeGreaterThan(0);
    expect(invalidJson.json).toMatchObject({
      code: 'rest_invalid_json',
      message: 'Invalid JSON body passed.',
      data: { status: 400 },
    });
  });
});
