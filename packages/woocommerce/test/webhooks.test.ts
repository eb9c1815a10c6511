import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWebhooks } from '../src/ensure-webhooks';
import type { ListeningServer } from '../src/node-http';
import { listen } from '../src/node-http';
import { META } from '../src/order-mapping';
import { createWebhookHandler, verifyWebhookSignature } from '../src/webhook-handler';
import type { WooOrder } from '../src/woo-types';
import { metaOf, ownNotes, requestsTo, startJourney } from './journey-kit';

const SECRET = 'webhook-secret-for-the-tests-0123';
const sign = (body: string, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('base64');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function handlerWithLog(limit?: number) {
  const taken: WooOrder[] = [];
  const handler = createWebhookHandler({
    secrets: [SECRET],
    ingest: async (orders) => {
      taken.push(...orders);
    },
    ...(limit === undefined ? {} : { bodyLimitBytes: limit }),
  });
  return { handler, taken };
}

const delivery = (body: string, headers: Record<string, string>) =>
  new Request('http://sync.test/webhooks/woocommerce', { method: 'POST', body, headers });

const ORDER = JSON.stringify({ id: 7, status: 'processing', meta_data: [], shipping_lines: [] });

describe('the webhook endpoint', () => {
  it('answers the ping with exactly 200 and takes nothing in', async () => {
    const { handler, taken } = handlerWithLog();
    const response = await handler(
      delivery('webhook_id=12', { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    expect(response.status).toBe(200);
    expect(taken).toEqual([]);
  });

  it('takes a signed order in and refuses a tampered body or signature with 401', async () => {
    const { handler, taken } = handlerWithLog();
    const headers = { 'x-wc-webhook-topic': 'order.updated', 'content-type': 'application/json' };
    const good = await handler(
      delivery(ORDER, { ...headers, 'x-wc-webhook-signature': sign(ORDER) }),
    );
    expect(good.status).toBe(200);
    expect(taken.map((order) => order.id)).toEqual([7]);
    const tamperedBody = ORDER.replace('"id":7', '"id":8');
    for (const [body, signature] of [
      [tamperedBody, sign(ORDER)],
      [ORDER, sign(ORDER, 'another-secret-of-enough-length')],
      [ORDER, sign(ORDER).slice(0, -2)],
      [ORDER, ''],
    ] as const) {
      const refused = await handler(
        delivery(body, { ...headers, 'x-wc-webhook-signature': signature }),
      );
      expect(refused.status).toBe(401);
    }
    // Signed but without a signature header and looking like a ping: still not an order.
    expect((await handler(delivery(ORDER, headers))).status).toBe(401);
    expect(taken).toHaveLength(1);
  });

  it('checks the raw bytes: PHP escaping that JSON.stringify would not reproduce', () => {
    const raw = '{"id":7,"note":"Z\\u00fcrich \\/ Bern"}';
    expect(verifyWebhookSignature(Buffer.from(raw), sign(raw), [SECRET])).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(verifyWebhookSignature(Buffer.from(reserialised), sign(raw), [SECRET])).toBe(false);
  });

  it('refuses bodies over the limit with 413, other methods with 405, other topics are dropped', async () => {
    const { handler, taken } = handlerWithLog(1000);
    const big = JSON.stringify({ id: 1, meta_data: [], pad: 'x'.repeat(2000) });
    const response = await handler(
      delivery(big, { 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': sign(big) }),
    );
    expect(response.status).toBe(413);
    const get = await handler(new Request('http://sync.test/webhooks/woocommerce'));
    expect(get.status).toBe(405);
    const coupon = await handler(
      delivery(ORDER, {
        'x-wc-webhook-topic': 'coupon.updated',
        'x-wc-webhook-signature': sign(ORDER),
      }),
    );
    expect(coupon.status).toBe(200);
    expect(taken).toEqual([]);
  });
});

describe('webhooks from the mock shop', () => {
  async function setup(options: { repeat?: number; debounceMs?: number } = {}) {
    const j = await startJourney('4b', { shop: { webhookRepeat: options.repeat ?? 4 } });
    cleanups.push(() => j.close());
    let clock = Date.now();
    const sync = j.sync({ debounceMs: options.debounceMs ?? 2_000, now: () => clock });
    const handler = createWebhookHandler({ secrets: [SECRET], ingest: sync.ingest });
    let receiver: ListeningServer = await listen(handler);
    cleanups.push(() => receiver.close());
    const deliveryUrl = `${receiver.url}/webhooks/woocommerce`;
    return {
      j,
      sync,
      deliveryUrl,
      advance: (ms: number) => {
        clock += ms;
      },
      async stopReceiver() {
        await receiver.close();
      },
      async startReceiver() {
        const port = Number(new URL(deliveryUrl).port);
        receiver = await listen(handler, { port });
      },
    };
  }

  it('ensureWebhooks creates both topics, the pings succeed, a second call changes nothing', async () => {
    const { j, deliveryUrl } = await setup();
    const first = await ensureWebhooks({ woo: j.woo, deliveryUrl, secret: SECRET });
    expect(first.created).toHaveLength(2);
    await j.shop.settled();
    const pings = j.shop.state.deliveries.filter((d) => d.kind === 'ping');
    expect(pings.map((p) => p.success)).toEqual([true, true]);
    const writes = requestsTo(j.shop, 'POST', /webhooks/) + requestsTo(j.shop, 'PUT', /webhooks/);
    const second = await ensureWebhooks({ woo: j.woo, deliveryUrl, secret: SECRET });
    expect(second).toEqual({ created: [], reactivated: [], active: first.created });
    expect(requestsTo(j.shop, 'POST', /webhooks/) + requestsTo(j.shop, 'PUT', /webhooks/)).toBe(
      writes,
    );
  });

  it('repeated order.updated deliveries make one label, and its own write-back does not loop', async () => {
    const { j, sync, deliveryUrl, advance } = await setup({ repeat: 4 });
    await ensureWebhooks({ woo: j.woo, deliveryUrl, secret: SECRET });
    const order = await j.checkout(1);
    // The shop acts on the order again (as plugins do on save): more deliveries of a newer state.
    j.shop.shop.updateMeta(order.id, (meta) => [...meta, { id: 0, key: '_other', value: 'x' }]);
    await j.shop.settled();
    const events = j.shop.state.deliveries.filter(
      (d) => d.kind === 'event' && d.resourceId === order.id,
    );
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.every((d) => d.success)).toBe(true);

    // Debounced: nothing is due until the burst has been quiet for debounceMs.
    expect((await sync.work()).claimed).toBe(0);
    advance(2_001);
    expect(await sync.work()).toMatchObject({ claimed: 1, fulfilled: 1 });
    const identcode = metaOf(j.shop, order.id, META.identcode);
    expect(identcode).toMatch(/^99/);

    // The write-back's own order.updated deliveries come in and are recognised by the hash.
    const before = j.shop.state.deliveries.length;
    await j.shop.settled();
    expect(j.shop.state.deliveries.length).toBeGreaterThan(before);
    const writes = j.shop.state.requests.filter((r) => r.method !== 'GET').length;
    advance(10_000);
    expect((await sync.work()).claimed).toBe(0);
    expect(await sync.poll()).toMatchObject({ queued: 0 });
    expect((await sync.work()).claimed).toBe(0);
    expect(j.shop.state.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
    expect(ownNotes(j.shop, order.id)).toHaveLength(1);
    expect(await j.pickpost.dataTransferCounts()).toMatchObject({ pending: 1 });
  });

  it('catches up after downtime: deliveries failed, the webhook was disabled, the poll finds the orders', async () => {
    const { j, sync, deliveryUrl, stopReceiver, startReceiver, advance } = await setup({
      repeat: 1,
    });
    const hooks = await ensureWebhooks({ woo: j.woo, deliveryUrl, secret: SECRET });
    await j.shop.settled();
    await stopReceiver();
    const ids: number[] = [];
    for (let customer = 1; customer <= 8; customer++) ids.push((await j.checkout(customer)).id);
    await j.shop.settled();
    const states = hooks.created.map((id) => j.shop.state.webhook(id)?.status);
    // The 7th failed delivery in a row disables a webhook (`failures > 5`).
    expect(states).toEqual(['disabled', 'disabled']);

    await startReceiver();
    const again = await ensureWebhooks({ woo: j.woo, deliveryUrl, secret: SECRET });
    expect(again.reactivated.length).toBeGreaterThan(0);
    for (const id of hooks.created) expect(j.shop.state.webhook(id)?.status).toBe('active');

    expect(await sync.poll()).toMatchObject({ seen: 8, queued: 8 });
    advance(1);
    expect(await sync.work()).toMatchObject({ fulfilled: 8 });
    for (const id of ids) {
      expect(j.shop.state.order(id)?.status).toBe('completed');
      expect(ownNotes(j.shop, id)).toHaveLength(1);
    }
    // The reactivated webhook delivers the write-back's updates; they change nothing.
    await j.shop.settled();
    advance(10_000);
    expect((await sync.work()).claimed).toBe(0);
  });
});
