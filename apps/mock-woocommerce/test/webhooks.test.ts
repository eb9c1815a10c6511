import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockWooCommerceOptions } from '../src/server';
import { createMockWooCommerce } from '../src/server';
import { api, createReceiver } from './helpers';

type Receiver = Awaited<ReturnType<typeof createReceiver>>;
let receiver: Receiver;

beforeEach(async () => {
  receiver = await createReceiver();
});
afterEach(() => receiver.close());

const SECRET = 'whsec-test-0123456789';

/** An independent check of X-WC-Webhook-Signature over the exact bytes received. */
function signatureValid(body: Buffer, signature: unknown, secret = SECRET): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64'));
  const given = Buffer.from(String(signature));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function shopWithWebhook(options: MockWooCommerceOptions, topic = 'order.updated') {
  const woo = await createMockWooCommerce({ https: true, ...options });
  const created = await api(woo, 'POST', 'webhooks', {
    name: 'sync',
    topic,
    delivery_url: receiver.url,
    secret: SECRET,
  });
  expect(created.status).toBe(201);
  return { woo, webhook: created.json };
}

describe('creating a webhook', () => {
  it('pings the URL with a form body webhook_id=<id> and no X-WC headers, and hides the secret', async () => {
    await using woo = await createMockWooCommerce({});
    const created = await api(woo, 'POST', 'webhooks', {
      topic: 'order.updated',
      delivery_url: receiver.url,
      secret: SECRET,
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(
      `${woo.httpsUrl}/wp-json/wc/v3/webhooks/${created.json.id}`,
    );
    expect(created.json).toEqual({
      id: created.json.id,
      name: expect.stringMatching(
        /^Webhook created on [A-Z][a-z]{2} \d{2}, \d{4} @ \d{2}:\d{2} [AP]M$/,
      ),
      status: 'active',
      topic: 'order.updated',
      resource: 'order',
      event: 'updated',
      hooks: [
        'woocommerce_update_order',
        'woocommerce_order_refunded',
        'woocommerce_delete_order_refund',
      ],
      delivery_url: receiver.url,
      date_created: expect.any(String),
      date_created_gmt: expect.any(String),
      date_modified: null,
      date_modified_gmt: null,
      _links: expect.any(Object),
    });
    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(ping?.body.toString()).toBe(`webhook_id=${created.json.id}`);
    expect(ping?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(ping?.headers['user-agent']).toBe('WooCommerce/10.2.2 Hookshot (WordPress/6.8.3)');
    expect(Object.keys(ping?.headers ?? {}).filter((name) => name.startsWith('x-wc-'))).toEqual([]);
    expect(woo.state.webhook(created.json.id)).toMatchObject({
      secret: SECRET,
      pending_delivery: false,
    });
  });

  it('creates the webhook even when the ping fails, and pings again on the next save', async () => {
    await using woo = await createMockWooCommerce({});
    receiver.answerWith(() => 500);
    const created = await api(woo, 'POST', 'webhooks', {
      topic: 'order.created',
      delivery_url: receiver.url,
    });
    expect(created.status).toBe(201);
    expect(woo.state.webhook(created.json.id)).toMatchObject({
      pending_delivery: true,
      failure_count: 0,
    });
    expect(woo.state.deliveries[0]).toMatchObject({
      kind: 'ping',
      success: false,
      response: { status: 500 },
    });
    receiver.answerWith(() => 200);
    await api(woo, 'PUT', `webhooks/${created.json.id}`, { name: 'renamed' });
    expect(receiver.received).toHaveLength(2);
    expect(woo.state.webhook(created.json.id)?.pending_delivery).toBe(false);
    await api(woo, 'PUT', `webhooks/${created.json.id}`, { name: 'again' });
    expect(receiver.received).toHaveLength(2);
  });

  it('refuses an invalid topic, a missing argument and a URL off this machine', async () => {
    await using woo = await createMockWooCommerce({});
    expect(
      await api(woo, 'POST', 'webhooks', { topic: 'order.shipped', delivery_url: receiver.url }),
    ).toMatchObject({
      status: 400,
      json: {
        code: 'woocommerce_rest_shop_webhook_invalid_topic',
        message: 'Webhook topic is required and must be valid.',
      },
    });
    expect(await api(woo, 'POST', 'webhooks', { topic: 'order.updated' })).toMatchObject({
      status: 400,
      json: {
        code: 'rest_missing_callback_param',
        message: 'Missing parameter(s): delivery_url',
        data: { params: ['delivery_url'] },
      },
    });
    const remote = await api(woo, 'POST', 'webhooks', {
      topic: 'order.updated',
      delivery_url: 'https://hooks.example.com/woo',
    });
    expect(remote.json.code).toBe('woocommerce_rest_shop_webhook_invalid_delivery_url');
    expect(
      await api(woo, 'POST', 'webhooks', {
        topic: 'order.updated',
        delivery_url: 'ftp://127.0.0.1/x',
      }),
    ).toMatchObject({
      json: {
        message: 'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      },
    });
    expect(receiver.received).toEqual([]);
  });
});

describe('deliveries', () => {
  it('sends WooCommerce’s headers and a signature over the exact bytes, with the order as GET shows it', async () => {
    const { woo, webhook } = await shopWithWebhook({ webhookRepeat: 1 });
    await using _ = woo;
    const order = (
      await api(woo, 'POST', 'orders', {
        line_items: [{ sku: 'HELM-KID' }],
        billing: { city: 'Zürich' },
      })
    ).json;
    await woo.settled();
    await api(woo, 'PUT', `orders/${order.id}`, { status: 'processing' });
    await woo.settled();
    const event = receiver.events().at(-1);
    expect(event?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-wc-webhook-source': `${woo.url}/`,
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-id': String(webhook.id),
      'x-wc-webhook-delivery-id': expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(signatureValid(event!.body, event!.headers['x-wc-webhook-signature'])).toBe(true);
    expect(
      signatureValid(event!.body, event!.headers['x-wc-webhook-signature'], 'another secret'),
    ).toBe(false);
    // PHP's encoding: escaped slashes and \u escapes are part of the signed bytes.
    expect(event!.body.toString()).toContain('Z\\u00fcrich');
    expect(event!.body.toString()).toContain('http:\\/\\/127.0.0.1');
    const payload = JSON.parse(event!.body.toString());
    expect(payload).toEqual({ ...woo.state.order(order.id), _links: expect.any(Object) });
    expect(payload.status).toBe('processing');
  });

  it('builds the payload at delivery time, not when the event happened', async () => {
    const { woo } = await shopWithWebhook({ webhookRepeat: 1 });
    await using _ = woo;
    woo.pauseWebhooks();
    const order = (await api(woo, 'POST', 'orders', {})).json;
    await api(woo, 'PUT', `orders/${order.id}`, { customer_note: 'first' });
    await api(woo, 'PUT', `orders/${order.id}`, { customer_note: 'second' });
    woo.resumeWebhooks();
    await woo.settled();
    // One queued delivery (an identical pending one is not queued twice), carrying the later state.
    expect(
      receiver.events().map((event) => JSON.parse(event.body.toString()).customer_note),
    ).toEqual(['second']);
  });

  it('fires order.updated several times per change (2–4 by default), for the client’s own PUTs too', async () => {
    const { woo } = await shopWithWebhook({ seed: 3 });
    await using _ = woo;
    const order = (await api(woo, 'POST', 'orders', {})).json;
    await woo.settled();
    const afterCreate = receiver.events().length;
    expect(afterCreate).toBeGreaterThanOrEqual(2);
    expect(afterCreate).toBeLessThanOrEqual(4);
    await api(woo, 'PUT', `orders/${order.id}`, {
      meta_data: [{ key: '_pickpost_synced_hash', value: 'abc' }],
    });
    await woo.settled();
    const afterPut = receiver.events().length - afterCreate;
    expect(afterPut).toBeGreaterThanOrEqual(2);
    expect(afterPut).toBeLessThanOrEqual(4);
    expect(new Set(receiver.events().map((event) => JSON.parse(event.body.toString()).id))).toEqual(
      new Set([order.id]),
    );

    await using exact = await createMockWooCommerce({ webhookRepeat: 3 });
    await api(exact, 'POST', 'webhooks', {
      topic: 'order.updated',
      delivery_url: receiver.url,
      secret: SECRET,
    });
    const before = receiver.events().length;
    const id = (await api(exact, 'POST', 'orders', {})).json.id;
    await exact.settled();
    exact.shop.updateOrder(id, { status: 'on-hold' });
    await exact.settled();
    expect(receiver.events().length - before).toBe(6);
    // A change while a delivery for the order still waits adds none: the waiting one goes out.
    exact.shop.updateOrder(id, { status: 'processing' });
    exact.shop.updateOrder(id, { status: 'completed' });
    await exact.settled();
    expect(receiver.events().length - before).toBe(9);
    expect(JSON.parse(receiver.events().at(-1)!.body.toString()).status).toBe('completed');
  });

  it('sends order.created once, order.deleted with {id} on trash, and nothing for a forced delete', async () => {
    await using woo = await createMockWooCommerce({ webhookRepeat: 1 });
    for (const topic of ['order.created', 'order.deleted']) {
      await api(woo, 'POST', 'webhooks', { topic, delivery_url: receiver.url, secret: SECRET });
    }
    const trashed = (await api(woo, 'POST', 'orders', {})).json.id;
    const forced = (await api(woo, 'POST', 'orders', {})).json.id;
    await api(woo, 'DELETE', `orders/${trashed}`);
    await api(woo, 'DELETE', `orders/${forced}?force=true`);
    await woo.settled();
    const topics = receiver
      .events()
      .map((event) => [event.headers['x-wc-webhook-topic'], event.body.toString()]);
    expect(topics.filter(([topic]) => topic === 'order.created')).toHaveLength(2);
    expect(topics.filter(([topic]) => topic === 'order.deleted')).toEqual([
      ['order.deleted', `{"id":${trashed}}`],
    ]);
  });
});

describe('failures', () => {
  it('disables the webhook on the seventh consecutive failure, without retrying', async () => {
    const { woo, webhook } = await shopWithWebhook({ webhookRepeat: 1 });
    await using _ = woo;
    receiver.answerWith(() => 500);
    const order = (await api(woo, 'POST', 'orders', {})).json;
    await woo.settled();
    for (let change = 2; change <= 8; change++) {
      await api(woo, 'PUT', `orders/${order.id}`, { customer_note: `change ${change}` });
      await woo.settled();
    }
    const events = woo.state.deliveries.filter((delivery) => delivery.kind === 'event');
    // The create and six changes were delivered and failed; the seventh failure disabled it;
    // the eighth change found it disabled.
    expect(events.map((delivery) => [delivery.failureCount, delivery.webhookStatus])).toEqual([
      [1, 'active'],
      [2, 'active'],
      [3, 'active'],
      [4, 'active'],
      [5, 'active'],
      [6, 'active'],
      [6, 'disabled'],
    ]);
    expect(receiver.events()).toHaveLength(7);
    expect((await api(woo, 'GET', `webhooks/${webhook.id}`)).json.status).toBe('disabled');

    // Reactivated, it keeps its count: one more failure disables it again; a success resets it.
    expect(
      (await api(woo, 'PUT', `webhooks/${webhook.id}`, { status: 'active' })).json.status,
    ).toBe('active');
    await api(woo, 'PUT', `orders/${order.id}`, { customer_note: 'again' });
    await woo.settled();
    expect(woo.state.webhook(webhook.id)).toMatchObject({ status: 'disabled', failure_count: 6 });
    await api(woo, 'PUT', `webhooks/${webhook.id}`, { status: 'active' });
    receiver.answerWith(() => 200);
    await api(woo, 'PUT', `orders/${order.id}`, { customer_note: 'works' });
    await woo.settled();
    expect(woo.state.webhook(webhook.id)).toMatchObject({ status: 'active', failure_count: 0 });
  });

  it('counts 200 to 302 as success and 303 and up as failure', async () => {
    const { woo, webhook } = await shopWithWebhook({ webhookRepeat: 1 });
    await using _ = woo;
    const order = (await api(woo, 'POST', 'orders', {})).json;
    await woo.settled();
    for (const [status, failures] of [
      [302, 0],
      [303, 1],
      [204, 0],
      [404, 1],
      [301, 0],
    ] as const) {
      receiver.answerWith(() => status);
      await api(woo, 'PUT', `orders/${order.id}`, { customer_note: String(status) });
      await woo.settled();
      expect([status, woo.state.webhook(webhook.id)?.failure_count]).toEqual([status, failures]);
    }
  });
});

describe('webhook routes', () => {
  it('lists, reads, updates, refuses to trash, deletes, and runs batches', async () => {
    await using woo = await createMockWooCommerce({});
    const created = (
      await api(woo, 'POST', 'webhooks', {
        name: 'A',
        topic: 'order.created',
        delivery_url: receiver.url,
      })
    ).json;
    const listed = await api(woo, 'GET', 'webhooks');
    expect(listed.headers['x-wp-total']).toBe('1');
    expect(listed.json.map((webhook: any) => webhook.id)).toEqual([created.id]);
    expect(await api(woo, 'GET', 'webhooks/999')).toMatchObject({
      status: 400,
      json: { code: 'woocommerce_rest_shop_webhook_invalid_id', message: 'ID is invalid.' },
    });
    const paused = await api(woo, 'PUT', `webhooks/${created.id}`, {
      status: 'paused',
      topic: 'order.updated',
    });
    expect(paused.json).toMatchObject({
      status: 'paused',
      topic: 'order.updated',
      date_modified: expect.any(String),
    });
    expect((await api(woo, 'PUT', `webhooks/${created.id}`, { status: 'broken' })).json.code).toBe(
      'rest_invalid_param',
    );
    expect(await api(woo, 'DELETE', `webhooks/${created.id}`)).toMatchObject({
      status: 501,
      json: {
        code: 'woocommerce_rest_trash_not_supported',
        message: 'Webhooks do not support trashing.',
      },
    });
    const batch = await api(woo, 'POST', 'webhooks/batch', {
      create: [
        { topic: 'order.deleted', delivery_url: receiver.url },
        { topic: 'nope', delivery_url: receiver.url },
      ],
      delete: [created.id],
    });
    expect(batch.json.create[0]).toMatchObject({ topic: 'order.deleted', status: 'active' });
    expect(batch.json.create[1]).toMatchObject({
      id: 0,
      error: { code: 'woocommerce_rest_shop_webhook_invalid_topic' },
    });
    expect(batch.json.delete[0].id).toBe(created.id);
    expect((await api(woo, 'GET', 'webhooks')).json.map((webhook: any) => webhook.topic)).toEqual([
      'order.deleted',
    ]);
  });

  it('delivers nothing for paused webhooks', async () => {
    const { woo, webhook } = await shopWithWebhook({ webhookRepeat: 1 });
    await using _ = woo;
    await api(woo, 'PUT', `webhooks/${webhook.id}`, { status: 'paused' });
    woo.shop.createOrder({});
    await woo.settled();
    expect(receiver.events()).toEqual([]);
  });
});
